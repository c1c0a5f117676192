// The teaching views in the page, driven with the mouse at 1280x720: the convolution
// explorer steps through the course's 6x6 example, jumps to a cell, and follows padding and
// stride; the pooling explorer steps through the course's 4x4 example forward and backward;
// inside the network a drawn digit's feature maps appear and a clicked pixel shows its
// receptive field. Each view's current step is read from the page's #explorer-status.
// Screenshots go to build/test-artifacts/teach-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionForFile, kOne, kTimeoutMs, sleep } from './playground_session.mjs';

let pg = null;
let page = null;
sessionForFile('teaching.test.mjs', { viewport: { width: 1280, height: 720 } }, (s) => { pg = s; page = s.page; }, 6 * kTimeoutMs);

const explorer = () => page.locator('#explorer-status');

// Waits until #explorer-status matches `pattern`; returns its text.
async function explorerShows(pattern, timeout = 20_000) {
  await explorer().filter({ hasText: pattern }).waitFor({ timeout });
  return explorer().textContent();
}

// Clicks at a fraction (u, v) of a named control: a cell of a grid, a point on a slider.
async function clickAt(name, u, v) {
  const c = await pg.control(name);
  await page.mouse.move(c.x + u * c.width, c.y + v * c.height);
  await sleep(60);
  await page.mouse.down();
  await sleep(60);
  await page.mouse.up();
  await sleep(100);
}

// Opens a combo box and picks the item noted as `item`.
async function choose(combo, item) {
  await pg.click(combo);
  await page.waitForFunction((name) => name in window.cnnPlayground.layout().controls, item);
  await pg.click(item);
}

test('convolution: the course example steps, jumps, and follows padding and stride', { timeout: kTimeoutMs }, async () => {
  await pg.click('mode_convolution');
  // 6x6 with 10s on the left, vertical edge kernel 1 0 -1: a 4x4 output, 0 30 30 0 in every row.
  assert.match(await explorerShows(/output\[0\]\[0\] = 0,/), /of a 4x4 output \(n = 6, f = 3, p = 0, s = 1\)/);
  await pg.click('conv_step');
  await explorerShows(/output\[0\]\[1\] = 30,/);
  await pg.click('conv_step');
  await explorerShows(/output\[0\]\[2\] = 30,/);
  await pg.screenshot('teach-convolution-step.png');
  await pg.click('conv_back');
  await explorerShows(/output\[0\]\[1\] = 30,/);

  // A click on output cell (3, 3) traces that window: the right edge of the picture, 0.
  await clickAt('conv_output', 3.5 / 4, 3.5 / 4);
  await explorerShows(/output\[3\]\[3\] = 0,/);

  // Same padding keeps 6x6; stride 3 on the slider's right end gives floor((6 + 2 - 3) / 3) + 1 = 2.
  await pg.click('conv_padding_same');
  await explorerShows(/of a 6x6 output \(n = 6, f = 3, p = 1, s = 1\)/);
  await clickAt('conv_stride', 0.98, 0.5);
  await explorerShows(/of a 2x2 output \(n = 6, f = 3, p = 1, s = 3\)/);
  // The window at (0, 0) now covers the zero border: 0*1 + 10*0 + 10*-1 on three rows, -20
  // from the two rows inside the picture.
  await pg.click('conv_first');
  await explorerShows(/output\[0\]\[0\] = -20,/);
  await pg.screenshot('teach-convolution-padding-stride.png');

  // Issue 11, item 18: greyed, the padding slider shows the padding in use, not the custom
  // value kept for later (it read 1 while valid was chosen).
  const padding = async () => (await pg.layout()).controls.conv_padding.value;
  assert.equal(await padding(), '1', 'same padding with a 3x3 kernel is p = 1');
  await pg.click('conv_padding_custom');
  await clickAt('conv_padding', 0.98, 0.5);
  await explorerShows(/p = 3, s = 3/);
  assert.equal(await padding(), '3');
  await pg.click('conv_padding_same');
  await explorerShows(/p = 1, s = 3/);
  assert.equal(await padding(), '1', 'the greyed slider kept showing the custom 3');

  // True convolution flips the kernel: the edge comes out with the opposite sign.
  await clickAt('conv_stride', 0.02, 0.5);
  await pg.click('conv_padding_valid');
  await explorerShows(/p = 0, s = 1/);
  assert.equal(await padding(), '0', 'valid is p = 0, whatever the custom value kept');
  await pg.click('conv_step');
  await explorerShows(/output\[0\]\[1\] = 30,/);
  await pg.click('conv_flip');
  await explorerShows(/output\[0\]\[1\] = -30, .*kernel flipped/);
  await pg.click('conv_flip');
  pg.assertNoPageErrors();
});

// Issue 11, item 15: the kernel grid keeps its place while a cell is edited (the preset's note
// above it vanished with the first edit, and the next click landed in another cell).
test('convolution: the kernel grid stays put while it is edited', { timeout: kTimeoutMs }, async () => {
  await choose('conv_kernel', 'conv_kernel_7');  // box blur: every weight 1/9
  await sleep(200);
  const before = await pg.control('conv_kernel_cell');
  await pg.click('conv_kernel_cell');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await sleep(300);
  const after = await pg.control('conv_kernel_cell');
  assert.deepEqual({ x: after.x, y: after.y, width: after.width, height: after.height },
                   { x: before.x, y: before.y, width: before.width, height: before.height }, 'the grid moved');
  // The edit is what the engine convolves with: on the course's 6x6 picture (10s in the left
  // half) the window at (0, 0) is all 10s, so 2 x 10 + 8 x 10 / 9 = 28.89.
  await pg.click('conv_first');
  await explorerShows(/^Convolution: output\[0\]\[0\] = 28\.89, of a 4x4 output/);
  await choose('conv_kernel', 'conv_kernel_0');  // back to the vertical edge
  await explorerShows(/output\[0\]\[0\] = 0,/);
  pg.assertNoPageErrors();
});

test('convolution: a 3-channel picture adds the per-channel sums', { timeout: kTimeoutMs }, async () => {
  await choose('conv_picture', 'conv_picture_5');
  await explorerShows(/3 channels\)/);
  await sleep(300);  // the layout of three input channels is published a frame later
  // R: 10s left (vertical edge kernel), G: 10s on top (horizontal), B: 5 everywhere (0.2 x centre).
  // At (1, 1) the window sees both edges: R 30 + G 30 + B 1 = 61.
  await clickAt('conv_output', 1.5 / 4, 1.5 / 4);
  await explorerShows(/output\[1\]\[1\] = 61,/);
  await pg.screenshot('teach-convolution-3-channels.png');
  // A 1x1x3 kernel (notes 001, 002): each output pixel is a dot product across the channels.
  // Top left: 0.30 x 10 + 0.59 x 10 + 0.11 x 5 = 9.45; bottom right: 0.11 x 5 = 0.55.
  await pg.click('conv_kernel');
  await page.waitForFunction(() => 'conv_kernel_0' in window.cnnPlayground.layout().controls);
  const items = await page.evaluate(() => Object.keys(window.cnnPlayground.layout().controls).filter((k) => /^conv_kernel_\d+$/.test(k)));
  await pg.click(`conv_kernel_${items.length - 1}`);
  await explorerShows(/of a 6x6 output \(n = 6, f = 1, p = 0, s = 1, 3 channels\)/);
  await clickAt('conv_output', 0.5 / 6, 0.5 / 6);
  await explorerShows(/output\[0\]\[0\] = 9\.45,/);
  await clickAt('conv_output', 5.5 / 6, 5.5 / 6);
  await explorerShows(/output\[5\]\[5\] = 0\.55,/);
  assert.match(await page.evaluate(() => location.search), /conv\.kernel=1x1x3-grey-from-colour/);
  await pg.screenshot('teach-convolution-1x1x3.png');
  await choose('conv_picture', 'conv_picture_0');
  pg.assertNoPageErrors();
});

test('convolution: an MNIST test image arrives from the dataset, downloaded on demand', { timeout: kTimeoutMs }, async () => {
  await choose('conv_source', 'conv_source_2');
  // Test image 0 is a 7; with the vertical edge kernel, valid: floor((28 - 3) / 1) + 1 = 26.
  await explorerShows(/of a 26x26 output \(n = 28, f = 3, p = 0, s = 1\)/, 60_000);
  // Edge strength: the engine's Sobel x and y outputs of the digit, combined.
  await pg.click('conv_magnitude');
  await page.waitForFunction(() => 'conv_magnitude_image' in window.cnnPlayground.layout().controls);
  await pg.screenshot('teach-convolution-mnist.png');
  await pg.click('conv_magnitude');
  await choose('conv_source', 'conv_source_0');
  pg.assertNoPageErrors();
});

// Issue 11, item 10: with an empty pad as the input, #explorer-status kept describing the last
// input. Item 14: a 28x28 input starts with its whole output shown, not 676 steps to fill.
test('convolution: an empty drawing says so, and a drawn digit is traced', { timeout: kTimeoutMs }, async () => {
  await pg.click('mode_draw');
  await pg.clearPad();
  await pg.click('mode_convolution');
  await choose('conv_source', 'conv_source_1');  // your drawing: the pad is empty
  await explorerShows(/^Convolution: no input yet/);
  await pg.click('mode_draw');
  await pg.stroke(kOne);
  await pg.settledPrediction();
  await pg.click('mode_convolution');
  const text = await explorerShows(/^Convolution: output\[\d+\]\[\d+\] = .* of a 26x26 output/);  // 28 - 3 + 1
  assert.match(text, /n = 28.*; the whole output is shown$/);
  await pg.screenshot('teaching-conv-drawn-whole-output.png');  // the whole output, looked at
  // The course's 6x6 picture (16 cells) is stepped into instead.
  await choose('conv_source', 'conv_source_0');
  assert.match(await explorerShows(/of a 4x4 output/), /; stepping: \d+ of 16 cells shown$/);
  pg.assertNoPageErrors();
});

test('pooling: max and average on the course example, with the backward pass', { timeout: kTimeoutMs }, async () => {
  await pg.click('mode_pooling');
  const first = await explorerShows(/Max pooling: output\[0\]\[0\]/);
  assert.match(first, /= max\(1, 3, 2, 9\) = 9, of a 2x2 output; the gradient goes to input\[1\]\[1\]/);
  await pg.click('pool_step');
  assert.match(await explorerShows(/output\[0\]\[1\]/), /max\(2, 1, 1, 1\) = 2, .* input\[0\]\[2\]/);
  await pg.screenshot('teach-pooling-max.png');

  await pg.click('pool_average');
  await pg.click('pool_first');
  assert.match(await explorerShows(/Average pooling: output\[0\]\[0\]/), /\(1 \+ 3 \+ 2 \+ 9\) \/ 4 = 3\.75/);
  // Stride 1 (the slider's left end): floor((4 - 2) / 1) + 1 = 3, overlapping windows.
  await clickAt('pool_stride', 0.02, 0.5);
  await explorerShows(/of a 3x3 output/);
  await pg.screenshot('teach-pooling-average-stride-1.png');
  await pg.click('pool_max');
  pg.assertNoPageErrors();
});

test('architecture summaries of the course: LeNet-5 to InceptionV3 and the minis, with parameters and MACs', { timeout: kTimeoutMs }, async () => {
  await pg.click('mode_draw');
  await pg.click('tab_model');
  await pg.click('model_shown');
  await pg.click('model_preset_lenet5');
  await explorerShows(/^LeNet-5: 61,706 parameters \(0 non-trainable\)/);
  await pg.click('model_shown');
  await pg.click('model_preset_alexnet');
  await explorerShows(/^AlexNet: 58,327,818 parameters \(2,752 non-trainable\), [\d,]+ multiply-accumulates/);
  await pg.screenshot('teach-summary-alexnet.png');
  await pg.click('model_shown');
  await pg.click('model_preset_vgg16');
  await explorerShows(/^VGG-16: 138,357,544 parameters \(0 non-trainable\)/);
  // The second half of the course (issue 14): the counts Keras prints, and the small versions.
  await pg.click('model_shown');
  await pg.click('model_preset_resnet50-course');
  await explorerShows(/^ResNet-50 \(course\): 23,600,006 parameters \(53,120 non-trainable\)/);
  await pg.click('model_shown');
  await pg.click('model_preset_mobilenetv2');
  await explorerShows(/^MobileNetV2: 3,538,984 parameters \(34,112 non-trainable\)/);
  await pg.click('model_shown');
  await pg.click('model_preset_inceptionv3');
  await explorerShows(/^InceptionV3: 23,851,784 parameters \(34,432 non-trainable\), 5,713,216,096 multiply-accumulates/);
  await pg.screenshot('teach-summary-inceptionv3.png');
  await pg.click('model_shown');
  await pg.click('model_preset_resnet-mini');
  await explorerShows(/^ResNet mini: 11,282 parameters \(208 non-trainable\), 685,088 multiply-accumulates/);
  await pg.screenshot('teach-summary-resnet-mini.png');
  await pg.click('model_shown');
  await pg.click('model_preset_current');
  await pg.click('tab_train');
  pg.assertNoPageErrors();
});

test('inside the network: a drawn digit\'s feature maps, and a pixel\'s receptive field', { timeout: kTimeoutMs }, async () => {
  await pg.click('mode_inside');
  await pg.stroke(kOne);
  assert.match(await pg.settledPrediction(), /^1 /);
  await page.waitForFunction(() => 'inside_first_map' in window.cnnPlayground.layout().controls);
  // The middle pixel of conv1's first map: conv 5x5 same sees rows 12..16 of the input.
  await clickAt('inside_first_map', 14.5 / 28, 14.5 / 28);
  assert.match(await explorerShows(/Inside: conv2d map 0 pixel \(14, 14\)/), /rows 12 to 16 and columns 12 to 16 \(receptive field 5x5\)/);
  await pg.screenshot('teach-inside.png');
  pg.assertNoPageErrors();
});

test('inside the network: conv1\'s kernels change live while training from a random start', { timeout: kTimeoutMs }, async () => {
  const status = page.locator('#training-status');
  await pg.click('mode_draw');
  await pg.click('tab_train');
  await pg.click('start_fresh');
  await pg.click('train_start');
  await status.filter({ hasText: /Training running: .* [1-9]\d* of 60000 samples/ }).waitFor({ timeout: 60_000 });
  await pg.click('mode_inside');
  await page.waitForFunction(() => 'inside_kernels' in window.cnnPlayground.layout().controls);
  const kernel = async () => {
    const c = await pg.control('inside_kernels');
    return page.screenshot({ clip: { x: c.x, y: c.y, width: c.width, height: c.height } });
  };
  const before = await kernel();
  await sleep(3000);
  const after = await kernel();
  await pg.screenshot('teach-inside-training.png');
  assert.ok(!after.equals(before), 'conv1\'s first kernel did not change while training');
  await pg.click('mode_draw');
  await pg.click('train_stop');
  await status.filter({ hasText: /Training (stopped|finished)/ }).waitFor();
  pg.assertNoPageErrors();
});

// Issue 14: a small modern network becomes the model from the Model tab, brings the settings
// it trains with, trains in the page, and shows its blocks inside; then the shipped LeNet-5
// comes back.
test('a mini preset becomes the model, brings its own settings, trains, and shows its blocks inside', { timeout: 3 * kTimeoutMs }, async () => {
  const status = page.locator('#training-status');
  await pg.click('mode_draw');
  await pg.click('tab_model');
  await choose('model_shown', 'model_preset_resnet-mini');
  await pg.click('model_build');
  await status.filter({ hasText: 'resnet-mini, 11282 parameters' }).waitFor();
  await pg.click('tab_train');
  await page.waitForFunction(() => 'train_suggestion' in window.cnnPlayground.layout().controls);
  await pg.screenshot('teach-resnet-mini-settings.png');
  await choose('train_samples', 'train_samples_2');  // 2,000 samples an epoch
  await pg.click('train_start');
  await status.filter({ hasText: /Training finished/ }).waitFor({ timeout: 180_000 });
  await pg.click('mode_inside');
  await pg.stroke(kOne);
  await page.waitForFunction(() => 'inside_first_map' in window.cnnPlayground.layout().controls);
  await sleep(500);
  await pg.screenshot('teach-inside-resnet-mini.png');
  await pg.click('mode_draw');
  await pg.click('tab_model');
  await pg.click('model_restore_shipped');
  await status.filter({ hasText: 'lenet5-mnist.bin' }).waitFor();
  await pg.click('tab_train');
  pg.assertNoPageErrors();
});

// Notes 001 and 002 (issue 16): what a 1x1 bottleneck and a depthwise-separable convolution
// save, with the notes' own numbers, every one of them from the engine's summaries of specs.
test('Costs: the notes\' bottleneck and depthwise-separable numbers, from the engine; a link changes the sizes', { timeout: 2 * kTimeoutMs }, async () => {
  await pg.click('mode_cost');
  const notes = await explorerShows(/^Costs: 5x5 directly/);
  assert.match(notes, /5x5 directly: 120,422,400 multiplications\. Through a 1x1 to 16 channels first: 2,408,448 \+ 10,035,200 = 12,443,648, 10\.3% of it\./);
  assert.match(notes, /Normal 3x3 convolution to 5 channels: 2,160 multiplications\. Depthwise \(one 3x3 kernel per channel, 4x4x3 out\): 432; pointwise \(5 kernels of 1x1x3\): 240; total 672\. Ratio 672 \/ 2,160 = 0\.31 = 1\/n'_c \+ 1\/f\^2 = 1\/5 \+ 1\/9\./);
  // MobileNet v2's block at 14x14x24, t = 6: 14x14x144 x 24 twice, 14x14x144 x 9 between; a plain
  // 3x3 from 24 to 24 channels: 14x14x24 x 216.
  assert.match(notes, /Expansion 1x1 to 144 channels \(14x14x144 out\): 677,376; depthwise 3x3 \(14x14x144 out\): 254,016; projection 1x1 back to 24 channels: 677,376; with the input added, 1,608,768 multiply-accumulates and 9,456 parameters\. A plain 3x3 convolution from 24 to 24 channels there: 1,016,064 and 5,208\./);
  // The shipped LeNet-5's two convolutions: 28x28x6 x 25 = 117,600, and 10x10x16 x 150 = 240,000.
  assert.ok((await pg.control('cost_network')).height > 0);
  await pg.screenshot('teach-costs.png');
  // Other sizes, from a link: 28 x 28 x 192 x 8 + 28 x 28 x 8 x 25 x 32, and a 5x5 kernel on 6x6x3 (2x2 out).
  await page.goto(`${pg.baseUrl}?mode=cost&cost.mid=8&cost.dw.f=5`);
  await pg.ready();
  const other = await explorerShows(/^Costs: 5x5 directly/);
  assert.match(other, /Through a 1x1 to 8 channels first: 1,204,224 \+ 5,017,600 = 6,221,824, 5\.2% of it\./);
  assert.match(other, /Normal 5x5 convolution to 5 channels: 1,500 multiplications\. .*: 300; .*: 60; total 360\. Ratio 360 \/ 1,500 = 0\.24 = .* = 1\/5 \+ 1\/25\./);
  assert.match(await page.evaluate(() => location.search), /cost\.mid=8/);
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  const zh = await explorerShows(/^计算量：/);
  assert.match(zh, /6,221,824/);
  assert.match(zh, /比值 360 \/ 1,500 = 0\.24/);
  await pg.screenshot('teach-costs-zh.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  pg.assertNoPageErrors();
});

test('backward: dA_prev, dW and db add up position by position to the engine\'s backward kernel, bit for bit', { timeout: 2 * kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?mode=backward`);
  await pg.ready();
  // The 4x4 input, a 2x2 kernel, dZ all ones: 9 positions; nothing added yet.
  await explorerShows(/^Convolution backward: 0 of 9 positions added; db = 0; dW = \[0, 0, 0, 0\]$/);
  // The first position adds its window of the input to dW: 1 2 / 0 1.
  await pg.click('back_step');
  await explorerShows(/^Convolution backward: 1 of 9 positions added; db = 1; dW = \[1, 2, 0, 1\]$/);
  // All of them: dW is the sum of the 9 windows, db the sum of dZ; the kernel agrees.
  await pg.click('back_last');
  await explorerShows(/^Convolution backward: 9 of 9 positions added; db = 9; dW = \[10, 9, 9, 9\]; equal to the engine's backward kernel, bit for bit$/);
  await pg.control('back_equal');
  await pg.screenshot('teach-backward-4x4.png');
  // Padding 1, stride 2, dZ = 1 2 / 3 4: dW[0][0] = 4 x 6 (only the last window's corner is
  // inside the image), dW[1][1] = 1 x 1 + 2 x 3 + 3 x 9 + 4 x 11 = 78.
  await page.goto(`${pg.baseUrl}?mode=backward&back.in=padding-1-stride-2&back.dz=count&back.at=4`);
  await pg.ready();
  await explorerShows(/^Convolution backward: 4 of 4 positions added; db = 10; dW = \[24, 43, 50, 44, 78, 88, 68, 118, 128\]; equal to the engine's backward kernel, bit for bit$/);
  await pg.screenshot('teach-backward-padded.png');
  // One cell's gradient: a click on dZ's (1, 1) walks to it; dW is then that window of the input.
  await page.goto(`${pg.baseUrl}?mode=backward&back.dz=cell`);
  await pg.ready();
  await explorerShows(/^Convolution backward: 0 of 9 positions added/);
  await clickAt('back_dz', 0.5, 0.5);
  await explorerShows(/^Convolution backward: 5 of 9 positions added; db = 1; dW = \[1, 3, 1, 0\]$/);
  await pg.click('back_last');
  await explorerShows(/^Convolution backward: 9 of 9 positions added; db = 1; dW = \[1, 3, 1, 0\]; equal/);
  assert.match(await page.evaluate(() => location.search), /back\.dz=cell&back\.cell=4&back\.at=9/);
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  assert.match(await explorerShows(/^卷积反向传播：已累加 9 个位置，共 9 个/), /与引擎的反向传播内核逐位相同$/);
  await pg.screenshot('teach-backward-zh.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  await page.goto(`${pg.baseUrl}`);
  await pg.ready();
  pg.assertNoPageErrors();
});

test('depthwise-separable: note 002\'s 6x6x3 stepped, the multiplications counted to 432 + 240 against 2,160', { timeout: 2 * kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?mode=depthwise`);
  await pg.ready();
  // The red channel's vertical-edge kernel on its bright left half: 10 - 10 on each row.
  const first = await explorerShows(/^Depthwise step: channel 0 at \(0, 0\) = /);
  assert.match(first, /= 1 x 10 \+ -1 x 10 \+ 1 x 10 \+ -1 x 10 \+ 1 x 10 \+ -1 x 10 = 0; Multiplications so far: 9 of 672 \(depthwise 432 \+ pointwise 240\); a normal convolution: 2,160, so 0\.31 of it$/);
  await pg.click('dw_step');
  await explorerShows(/^Depthwise step: channel 0 at \(0, 1\) = .* = 30; Multiplications so far: 18 of 672/);
  // The pointwise step starts after the 48 depthwise cells: 432 + 3.
  await pg.click('dw_pointwise_step');
  await explorerShows(/^Pointwise step: filter 0 at \(0, 0\) = 1 x 0 = 0; Multiplications so far: 435 of 672/);
  await pg.click('dw_last');
  const last = await explorerShows(/^Pointwise step: filter 4 at \(3, 3\) = /);
  assert.match(last, /Multiplications so far: 672 of 672 \(depthwise 432 \+ pointwise 240\); a normal convolution: 2,160, so 0\.31 of it$/);
  await pg.screenshot('teach-depthwise-last.png');
  // Filter 3 sums the three channels at (1, 2): 30 (red's edge) + 30 (green's) + 1 (blue's fifth of
  // 5); the pointwise step's 55th cell, so 432 + 55 x 3 multiplications done.
  await page.goto(`${pg.baseUrl}?mode=depthwise&dw.at=${48 + 3 * 16 + 1 * 4 + 2}`);
  await pg.ready();
  await explorerShows(/^Pointwise step: filter 3 at \(1, 2\) = 1 x 30 \+ 1 x 30 \+ 1 x 1 = 61; Multiplications so far: 597 of 672/);
  await pg.click('dw_depthwise');
  await explorerShows(/^Depthwise step: channel 0 at \(0, 0\)/);
  assert.doesNotMatch(await page.evaluate(() => location.search), /dw\.at/);
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  assert.match(await explorerShows(/^深度卷积步骤：第 0 个通道在 \(0, 0\)/), /普通卷积：2,160，即它的 0\.31$/);
  await pg.screenshot('teach-depthwise-zh.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  await page.goto(`${pg.baseUrl}`);
  await pg.ready();
  pg.assertNoPageErrors();
});

test('optimizers: SGD, momentum and Adam walk the bowl as the engine steps them; too large a step diverges; the saddle holds them on its ridge', { timeout: 2 * kTimeoutMs }, async () => {
  await page.goto(`${pg.baseUrl}?mode=optimizers`);
  await pg.ready();
  // d2l 11.6's bowl from (-5, -2), 50 steps: SGD at lr 0.4 multiplies x by 0.92 a step
  // (-5 x 0.92^50 = -0.077) and y by -0.6 (gone); momentum gets further in the same steps.
  const bowl = await explorerShows(/^Optimizers on Elongated bowl \(f = 0\.1 x\^2 \+ 2 y\^2\) from \(-5, -2\), step 50 of 50:/);
  const sgd = bowl.match(/SGD \((-?[\d.]+), (-?[\d.]+)\), f = ([\d.e+-]+);/);
  assert.ok(sgd, bowl);
  assert.ok(Number(sgd[1]) > -0.08 && Number(sgd[1]) < -0.07, bowl);
  assert.ok(Math.abs(Number(sgd[2])) < 1e-3, bowl);
  const momentum = bowl.match(/Momentum \((-?[\d.]+), (-?[\d.]+)\), f = ([\d.e+-]+);/);
  assert.ok(momentum && Number(momentum[3]) < Number(sgd[3]), bowl);
  assert.match(bowl, /Adam \(-?[\d.]+, -?[\d.]+\), f = [\d.e+-]+$/);
  await pg.screenshot('teach-optimizers-bowl.png');
  // The stepper replays the walk: at step 0 all three are at the start.
  await pg.click('opt_first');
  assert.match(await explorerShows(/step 0 of 50:/), /SGD \(-5\.000, -2\.000\), f = 10\.5;/);
  // SGD at 0.6: y is multiplied by 1 - 4 x 0.6 = -1.4 each step; 2 x 1.4^26 passes 10,000.
  await page.goto(`${pg.baseUrl}?mode=optimizers&opt.lr.sgd=0.6`);
  await pg.ready();
  assert.match(await explorerShows(/step 50 of 50:/), /SGD diverged at step 26;/);
  assert.match(await page.evaluate(() => location.search), /opt\.lr\.sgd=0\.6/);
  // The saddle's ridge: a start at y = 0 has no y gradient, and every optimizer stops at (0, 0).
  await page.goto(`${pg.baseUrl}?mode=optimizers&opt.surface=saddle&opt.start=-1.8,0&opt.steps=300`);
  await pg.ready();
  const ridge = await explorerShows(/^Optimizers on Saddle point .* from \(-1\.8, 0\), step 300 of 300:/);
  assert.match(ridge, /SGD \(-?0\.000, 0\.000\), f = -?[\d.e+-]+;/);
  // A click off the ridge starts there instead: SGD then rolls into a minimum, f = -0.25.
  await clickAt('opt_surface_map', 0.05, 0.3);
  const rolled = await explorerShows(/from \(-1\.\d+, 0\.\d+\), step 300 of 300:/);
  assert.match(rolled, /SGD \(-?0\.000, 1\.000\), f = -0\.25;/);
  await pg.screenshot('teach-optimizers-saddle.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().glyphsReady && window.cnnPlayground.state().language === 'zh');
  assert.match(await explorerShows(/^优化器在鞍点/), /第 300 步，共 300 步：/);
  await pg.screenshot('teach-optimizers-zh.png');
  await pg.click('lang_switch');
  await page.waitForFunction(() => window.cnnPlayground.state().language === 'en');
  await page.goto(`${pg.baseUrl}`);
  await pg.ready();
  pg.assertNoPageErrors();
});
