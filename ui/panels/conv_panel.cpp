// Convolution explorer: a kernel slides over a (padded) input one window at a time. The
// engine computes everything shown (TraceConvolution: the padded input, the output map from
// its conv2d kernel, and the step trace of the current window); this panel chooses the
// input, kernel, padding and stride, walks the output positions, and draws the answers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/image_view.h"
#include "widgets/stepper.h"
#include "widgets/wrapped_text.h"
#include "teaching/examples.h"

namespace cnn::ui {
namespace {

using protocol::Image;

constexpr const char* kSources[] = {N_("Built-in picture"), N_("Your drawing (28x28)"), N_("MNIST test image")};
constexpr const char* kDisplays[] = {N_("signed"), N_("absolute value"), "ReLU"};  // drawn through tr()
constexpr const char* kChannelNames[] = {N_("red"), N_("green"), N_("blue")};
constexpr ImU32 kWindowColor = IM_COL32(255, 210, 60, 255);

int padding_of(const ConvPanelState& st) {
  if (st.padding_choice == 0) return 0;                         // valid
  if (st.padding_choice == 1) return (st.kernel_size - 1) / 2;  // same, for odd f and s = 1
  return st.padding;
}

// The output side, by the formula the page shows: floor((n + 2p - f) / s) + 1.
int output_side(int n, int p, int f, int s) {
  const int span = n + 2 * p - f;
  return span < 0 ? 0 : span / s + 1;
}

// The input chosen, or an empty image when it is not available yet.
Image current_input(const ConvPanelState& st, const EngineView& view) {
  if (st.source == 0) return conv_pictures()[size_t(st.picture)].image;
  if (st.source == 1) {
    if (!view.has_prediction || view.input.size() != size_t(protocol::kDigitPixels)) return {};
    return Image{1, protocol::kDigitSide, protocol::kDigitSide, view.input};
  }
  if (!view.has_test_image || view.test_image.index != st.test_index) return {};
  return Image{1, protocol::kDigitSide, protocol::kDigitSide, view.test_image.pixels};
}

// The kernel list: the presets (every channel alike), then, for the 3-channel picture, its
// own examples (channel_examples()).
int kernel_choices(int channels) {
  return int(kernel_presets().size()) + (channels == 3 ? int(channel_examples().size()) : 0);
}
const char* kernel_choice_name(int i) {
  const int presets = int(kernel_presets().size());
  if (i < 0) return tr("custom");
  return i < presets ? tr(kernel_presets()[size_t(i)].name) : tr(channel_examples()[size_t(i - presets)].name);
}
const char* kernel_choice_note(int i) {
  const int presets = int(kernel_presets().size());
  return i < presets ? tr(kernel_presets()[size_t(i)].note) : tr(channel_examples()[size_t(i - presets)].note);
}

// Sets the kernel to a preset on every input channel (or to one of the 3-channel examples).
void apply_preset(ConvPanelState& st, int channels) {
  const int presets = int(kernel_presets().size());
  if (st.preset >= presets && st.preset < presets + int(channel_examples().size())) {
    const Image k = channel_examples()[size_t(st.preset - presets)].kernel();
    st.kernel_size = k.width;
    st.kernel = k.values;
    return;
  }
  const KernelPreset& p = kernel_presets()[size_t(std::clamp(st.preset, 0, int(kernel_presets().size()) - 1))];
  st.kernel_size = p.size;
  st.kernel.clear();
  for (int c = 0; c < channels; ++c) st.kernel.insert(st.kernel.end(), p.values.begin(), p.values.end());
}

// A kernel of another size: zeros with the old centre value kept in the middle.
void resize_kernel(ConvPanelState& st, int channels, int f) {
  std::vector<float> k(size_t(channels) * f * f, 0.0f);
  for (int c = 0; c < channels; ++c) k[size_t(c) * f * f + size_t(f / 2) * f + f / 2] = 1.0f;
  st.kernel_size = f;
  st.kernel = std::move(k);
  st.preset = -1;
}

void settings(ConvPanelState& st, const EngineView& view, CommandSink& sink, const Image& input) {
  ImGui::TextDisabled("%s", tr("Input"));
  ImGui::SetNextItemWidth(-1);
  const char* sources[3];
  for (int i = 0; i < 3; ++i) sources[i] = tr(kSources[i]);
  if (noted_combo("conv_source", &st.source, sources, 3)) st.step.restart();
  if (st.source == 0) {
    std::vector<const char*> names = names_of(conv_pictures());
    for (const char*& name : names) name = tr(name);
    ImGui::SetNextItemWidth(-1);
    if (noted_combo("conv_picture", &st.picture, names.data(), int(names.size()))) st.step.restart();
    text_wrapped("%s", tr(conv_pictures()[size_t(st.picture)].note));
  } else if (st.source == 1) {
    if (input.values.empty()) text_wrapped("%s", tr("Draw a digit in \"Draw & train\" first."));
  } else {
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    if (ImGui::InputInt(tr("index"), &st.test_index)) st.test_index = std::clamp(st.test_index, 0, 9999);
    note_control("conv_test_index");
    const bool have = view.has_test_image && view.test_image.index == st.test_index;
    if (!have && st.test_asked != st.test_index && view.ready) {
      protocol::GetTestImage g;
      g.index = st.test_index;
      st.test_request = sink.send(g);
      st.test_asked = st.test_index;
    }
    if (have) ImGui::Text(tr("label %d (of %d test images)"), view.test_image.label, view.test_image.count);
    else if (view.last_error_id == st.test_request) ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
    else ImGui::TextDisabled("%s", view.training == TrainingState::kDownloading ? trf("downloading %s...", dataset_title(view.dataset)).c_str() : tr("loading..."));
  }

  ImGui::Spacing();
  ImGui::TextDisabled("%s", tr("Kernel"));
  const int channels = std::max(1, input.channels);
  const int preset_count = kernel_choices(channels);
  const char* preset_name = kernel_choice_name(st.preset);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##kernel", preset_name, ImGuiComboFlags_HeightLarge)) {  // every kernel in sight
    for (int i = 0; i < preset_count; ++i) {
      if (ImGui::Selectable(kernel_choice_name(i), i == st.preset)) {
        st.preset = i;
        apply_preset(st, channels);
        st.step.restart();
      }
      note_full_width_control(("conv_kernel_" + std::to_string(i)).c_str());
    }
    note_scroll_area("conv_kernel_list");
    ImGui::EndCombo();
  }
  note_control("conv_kernel", preset_name);
  // The note keeps the height of the longest one, so the grid below never moves while a
  // kernel is edited (the note used to vanish with the first edit, and the next click landed
  // in another cell).
  float note_h = 0;
  const float wrap = ImGui::GetContentRegionAvail().x;
  for (int i = 0; i < preset_count; ++i) note_h = std::max(note_h, ImGui::CalcTextSize(kernel_choice_note(i), nullptr, false, wrap).y);
  const ImVec2 note_at = ImGui::GetCursorPos();
  if (st.preset >= 0 && st.preset < preset_count)
    text_wrapped("%s", kernel_choice_note(st.preset));
  else if (st.preset < 0)
    ImGui::TextDisabled("%s", tr("your own kernel"));
  ImGui::SetCursorPos(ImVec2(note_at.x, note_at.y + note_h + ImGui::GetStyle().ItemSpacing.y));

  // The numbers, editable: one f x f grid per input channel.
  const int f = st.kernel_size;
  const float cell_w = std::max(ImGui::CalcTextSize("-10.00").x + ImGui::GetStyle().FramePadding.x * 2,
                                (ImGui::GetContentRegionAvail().x / std::min(channels, 3) - ImGui::GetStyle().ItemSpacing.x * f) / f);
  for (int c = 0; c < channels; ++c) {
    if (channels > 1) ImGui::TextDisabled(tr("channel %d (%s)"), c, tr(kChannelNames[c % 3]));
    for (int y = 0; y < f; ++y)
      for (int x = 0; x < f; ++x) {
        if (x > 0) ImGui::SameLine();
        ImGui::PushID(c * 100 + y * 10 + x);
        ImGui::SetNextItemWidth(cell_w);
        if (ImGui::InputFloat("##w", &st.kernel[(size_t(c) * f + y) * f + x], 0, 0, "%.3g")) st.preset = -1;
        if (c == 0 && y == 0 && x == 0) note_control("conv_kernel_cell");  // the grid's place (tests)
        ImGui::PopID();
      }
  }
  ImGui::SetNextItemWidth(cell_w * 2);
  ImGui::InputFloat(tr("bias b"), &st.bias, 0, 0, "%.3g");
  ImGui::SameLine();
  int size_choice = f == 5 ? 2 : f == 3 ? 1 : 0;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::Combo("##size", &size_choice, "1x1\0" "3x3\0" "5x5\0")) resize_kernel(st, channels, size_choice * 2 + 1);

  ImGui::Spacing();
  ImGui::TextDisabled("%s", tr("Padding and stride"));
  if (ImGui::RadioButton("valid", &st.padding_choice, 0)) st.step.restart();
  note_control("conv_padding_valid");
  ImGui::SameLine();
  if (ImGui::RadioButton("same", &st.padding_choice, 1)) st.step.restart();
  note_control("conv_padding_same");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("p = (f - 1) / 2: the output keeps the input's size when s = 1"));
  ImGui::SameLine();
  if (ImGui::RadioButton("p =", &st.padding_choice, 2)) st.step.restart();
  note_control("conv_padding_custom");
  ImGui::SameLine();
  ImGui::BeginDisabled(st.padding_choice != 2);
  ImGui::SetNextItemWidth(-1);
  // Greyed, the slider shows the padding in use (0 for valid, (f - 1) / 2 for same), not the
  // custom value kept for later (it read 1 while valid was chosen).
  int shown_padding = st.padding_choice == 2 ? st.padding : padding_of(st);
  if (ImGui::SliderInt("##padding", &shown_padding, 0, 3) && st.padding_choice == 2) {
    st.padding = shown_padding;
    st.step.restart();
  }
  note_control_value("conv_padding", std::to_string(shown_padding));
  ImGui::EndDisabled();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##stride", &st.stride, 1, 3, tr("stride s = %d"))) st.step.restart();
  note_control("conv_stride");
  ImGui::Checkbox(tr("true convolution (kernel flipped)"), &st.flip);
  note_control("conv_flip");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("CNNs compute cross-correlation: the kernel as written slides over the input.\nConvolution in the mathematical sense rotates the kernel by 180 degrees first."));
}


// "patch x kernel = products  sum", one row per channel, then the total written out.
// With several channels each row starts with that channel of the padded input (`input_side`
// > 0), so the window, the patch and the products of one channel read along one line.
void computation(const protocol::ConvolutionTraced& t, float side, bool flipped, float lo, float hi, float input_side,
                 int padding) {
  const int c = t.kernel.channels, f = t.kernel.height;
  const float line = ImGui::GetTextLineHeightWithSpacing(), gap = ImGui::GetStyle().ItemSpacing.x;
  ImageViewStyle numbers;
  numbers.map = ColorMap::kSigned;
  ImageViewStyle patch = numbers;
  patch.map = ColorMap::kGreyAuto;  // the input's own grey scale
  patch.lo = lo;
  patch.hi = hi;

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  for (int ch = 0; ch < c; ++ch) {
    ImGui::PushID(ch);
    const size_t at = size_t(ch) * f * f;
    float x = origin.x;
    auto grid = [&](const char* id, const char* label, const float* values, const ImageViewStyle& style) {
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      ImGui::TextDisabled("%s", label);
      ImGui::SetCursorScreenPos(ImVec2(x, y + line));
      draw_image_view(id, values, f, f, side, style);
      x += std::max(side, ImGui::CalcTextSize(label).x) + gap;
    };
    auto op = [&](const char* text) {
      ImGui::SetCursorScreenPos(ImVec2(x, y + line + side / 2 - line / 2));
      ImGui::TextUnformatted(text);
      x += ImGui::CalcTextSize(text).x + gap;
    };
    const float row_h = std::max(side, input_side);
    if (input_side > 0) {
      const int ph = t.padded.height, pw = t.padded.width;
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      ImGui::TextDisabled(tr("input, %s"), tr(kChannelNames[ch % 3]));
      ImGui::SetCursorScreenPos(ImVec2(x, y + line));
      ImageViewStyle in = patch;
      in.numbers = false;
      in.border = padding;
      in.boxes.push_back(CellBox{t.window_y, t.window_x, f, f, kWindowColor, 2.0f, true});
      draw_image_view("##input", t.padded.values.data() + size_t(ch) * ph * pw, ph, pw, input_side, in);
      if (ch == 0) note_control("conv_input");
      float names_w = 0;  // the widest of the three, so the rows stay aligned
      for (const char* name : kChannelNames) names_w = std::max(names_w, ImGui::CalcTextSize(trf("input, %s", tr(name)).c_str()).x);
      x += std::max(input_side, names_w) + gap * 2;
    }
    const std::string label = c > 1 ? trf("patch, channel %d", ch) : std::string(tr("input patch"));
    grid("##patch", label.c_str(), t.patch.data() + at, patch);
    op("x");
    grid("##kernel", flipped ? tr("flipped kernel") : tr("kernel"), t.kernel.values.data() + at, numbers);
    op("=");
    grid("##products", tr("products"), t.products.data() + at, numbers);
    const double channel_sum = double(t.channel_sums[size_t(ch)]);
    op((c > 1 ? trf("channel sum %.4g", channel_sum) : trf("sum %.4g", channel_sum)).c_str());
    y += line + row_h + ImGui::GetStyle().ItemSpacing.y;
    ImGui::PopID();
  }

  // The total as the sum it is: every product for a small single-channel kernel, else the
  // channel sums.
  std::string text;
  char buf[48];
  if (c == 1 && f <= 3) {
    for (size_t i = 0; i < t.products.size(); ++i) {
      const float v = t.products[i];
      // + 0.0 turns the -0 of a zero times a negative weight into 0.
      std::snprintf(buf, sizeof buf, i == 0 ? "%.3g" : v < 0 ? " - %.3g" : " + %.3g", (i == 0 ? v : std::fabs(v)) + 0.0);
      text += buf;
    }
  } else {
    for (int ch = 0; ch < c; ++ch) {
      std::snprintf(buf, sizeof buf, "%s%.4g", ch ? " + " : "", double(t.channel_sums[size_t(ch)]));
      text += buf;
    }
  }
  std::snprintf(buf, sizeof buf, " + b(%.3g) = %.4g", double(t.bias), double(t.sum));
  text += buf;
  ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
  ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.3f, 1.0f), tr("output[%d][%d] = %s"), t.out_y, t.out_x, text.c_str());
  note_control("conv_sum");
}

// The edge strength view: the engine's Sobel x and y outputs of the input (same padding,
// stride 1), asked for once per input rather than on every step, and combined once.
void edge_strength(ConvPanelState& st, const EngineView& view, CommandSink& sink, const Image& input) {
  if (!st.show_magnitude) return;
  const bool new_input = input.values != st.edge_input.values || input.channels != st.edge_input.channels;
  if (view.ready && (st.gx_request == 0 || new_input)) {
    st.edge_input = input;
    st.edge_strength = Image{};
    for (int k = 0; k < 2; ++k) {
      const KernelPreset& sobel = kernel_presets()[k == 0 ? 2 : 3];
      protocol::TraceConvolution g;
      g.input = input;
      g.kernel = Image{input.channels, 3, 3, {}};
      for (int ch = 0; ch < input.channels; ++ch)
        g.kernel.values.insert(g.kernel.values.end(), sobel.values.begin(), sobel.values.end());
      g.padding = 1;
      (k == 0 ? st.gx_request : st.gy_request) = sink.send(std::move(g));
    }
  }
  const protocol::ConvolutionTraced* gx = find_conv_trace(view, st.gx_request);
  const protocol::ConvolutionTraced* gy = find_conv_trace(view, st.gy_request);
  if (!st.edge_strength.values.empty() || !gx || !gy || gx->output.values.size() != gy->output.values.size()) return;
  // sqrt(Gx^2 + Gy^2) of the engine's two outputs: a picture of both, not a layer.
  st.edge_strength = Image{1, gx->output.height, gx->output.width, std::vector<float>(gx->output.values.size())};
  for (size_t i = 0; i < st.edge_strength.values.size(); ++i)
    st.edge_strength.values[i] =
        std::sqrt(gx->output.values[i] * gx->output.values[i] + gy->output.values[i] * gy->output.values[i]);
}

}  // namespace

void draw_conv_panel(ConvPanelState& st, const EngineView& view, CommandSink& sink) {
  const Image input = current_input(st, view);
  const int channels = std::max(1, input.channels);
  if (st.kernel.empty() || st.kernel.size() != size_t(channels) * st.kernel_size * st.kernel_size) {
    if (st.preset < 0 || st.preset >= kernel_choices(channels)) st.preset = 0;
    if (channels == 3 && st.kernel.size() != size_t(3) * st.kernel_size * st.kernel_size) st.preset = int(kernel_presets().size());
    apply_preset(st, channels);
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  const float settings_w = wide ? std::max(ImGui::GetFontSize() * 16, avail.x * 0.27f) : avail.x;
  ImGui::BeginChild("conv_settings", ImVec2(settings_w, wide ? 0 : avail.y * 0.42f), false);
  settings(st, view, sink, input);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("conv_stage", ImVec2(0, 0), false);
  note_scroll_area("conv_stage");

  const int p = padding_of(st), f = st.kernel_size;
  const int oh = input.values.empty() ? 0 : output_side(input.height, p, f, st.stride);
  const int ow = input.values.empty() ? 0 : output_side(input.width, p, f, st.stride);
  if (oh < 1 || ow < 1) {
    // The page's #explorer-status follows: it must not keep describing the last input.
    if (input.values.empty()) {
      ImGui::TextDisabled("%s", tr("no input yet"));
      st.status = tr("Convolution: no input yet (draw a digit, or choose a picture or a test image)");
    } else {
      const std::string why = trf("floor((%d + 2*%d - %d) / %d) + 1 = %d: the %dx%d kernel does not fit, add padding",
                                  input.height, p, f, st.stride, oh, f, f);
      ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", why.c_str());
      st.status = trf("Convolution: no output, %s", why.c_str());
    }
    ImGui::EndChild();
    return;
  }
  const int positions = oh * ow;
  st.step.position = std::clamp(st.step.position, 0, positions - 1);
  // A new output size: a large one (a 28x28 digit, 676 positions) starts whole, a small one
  // (the 6x6 picture's 16) cell by cell; "every cell" switches either way.
  if (positions != st.positions_seen) {
    if (st.positions_seen != -1) st.show_all = positions > 64;  // -1: a link chose
    st.positions_seen = positions;
  }

  // Ask the engine for the trace of the current position whenever anything changed.
  protocol::TraceConvolution want;
  want.input = input;
  want.kernel = Image{channels, f, f, st.kernel};
  want.bias = st.bias;
  want.padding = p;
  want.stride = st.stride;
  want.flip = st.flip;
  want.out_y = st.step.position / ow;
  want.out_x = st.step.position % ow;
  const bool changed = want.input.values != st.sent.input.values || want.input.channels != st.sent.input.channels ||
                       want.kernel.values != st.sent.kernel.values || want.bias != st.sent.bias ||
                       want.padding != st.sent.padding || want.stride != st.sent.stride || want.flip != st.sent.flip ||
                       want.out_y != st.sent.out_y || want.out_x != st.sent.out_x || st.trace_request == 0;
  const protocol::ConvolutionTraced* answered = find_conv_trace(view, st.trace_request);
  const bool waiting = st.trace_request != 0 && !answered && view.last_error_id != st.trace_request;
  if (changed && !waiting && view.ready) {
    st.sent = want;
    st.trace_request = sink.send(want);
  }
  if (answered) st.shown = *answered;
  if (view.last_error_id == st.trace_request && st.trace_request != 0)
    ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
  if (st.shown.output.values.empty()) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    ImGui::EndChild();
    return;
  }
  const protocol::ConvolutionTraced& t = st.shown;

  // The output size, with this input's numbers in the formula.
  ImGui::Text(tr("output side = floor((n + 2p - f) / s) + 1 = floor((%d + 2*%d - %d) / %d) + 1 = %d"), input.height, p,
              f, st.stride, oh);
  note_control("conv_formula");
  if (input.width != input.height)
    ImGui::Text(tr("output width = floor((%d + 2*%d - %d) / %d) + 1 = %d"), input.width, p, f, st.stride, ow);
  draw_stepper(st.step, positions, "conv");
  ImGui::Spacing();

  // The padded input with the window, and the output with the cells computed so far.
  const ImVec2 stage = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeight();
  const int c = t.kernel.channels;
  // The computation row needs cells big enough for their numbers; the images get the rest.
  const float calc_side = c > 1 ? line * 1.25f * f : std::clamp(stage.y * 0.2f, line * 1.5f * f, line * 2.2f * f);
  const float input_side = c > 1 ? calc_side * 1.5f : 0.0f;  // several channels: one per computation row
  const float calc_h = (std::max(calc_side, input_side) + line * 1.5f) * float(c) + line * 2.0f;
  // Under the output: how it is shown, on two rows of controls.
  // The flipped kernel's note takes a line above the computation (without it in the budget,
  // the sum line fell below the panel at 1280x720).
  const float options_h = ImGui::GetFrameHeightWithSpacing() * 2 + (st.flip ? ImGui::GetTextLineHeightWithSpacing() : 0.0f);
  float side = std::max(line * 6, std::min((stage.x - line * 3) * 0.5f, stage.y - calc_h - options_h - line * 2.5f));
  const auto [lo, hi] = std::minmax_element(t.padded.values.begin(), t.padded.values.end());
  if (c > 1) {  // the rows of channels first, the output and the edge view to their right
    ImGui::BeginGroup();
    computation(t, calc_side, st.flip, std::min(0.0f, *lo), *hi, input_side, p);
    ImGui::EndGroup();
    ImGui::SameLine(0, line * 2);
    side = std::min(std::max(line * 6, ImGui::GetContentRegionAvail().x * 0.5f), stage.y * 0.5f);
  }

  // One channel: the padded input beside the output (several: see computation()).
  if (c == 1) {
    ImGui::BeginGroup();
    if (p > 0)
      ImGui::TextDisabled(p == 1 ? tr("input, padded with %d zero (p = %d)") : tr("input, padded with %d zeros (p = %d)"), p, p);
    else
      ImGui::TextDisabled("%s", tr("input (no padding)"));
    ImageViewStyle in;
    in.map = ColorMap::kGreyAuto;
    in.lo = std::min(0.0f, *std::min_element(t.padded.values.begin(), t.padded.values.end()));
    in.hi = *std::max_element(t.padded.values.begin(), t.padded.values.end());
    in.border = p;
    in.boxes.push_back(CellBox{t.window_y, t.window_x, f, f, kWindowColor, 3.0f, true});
    draw_image_view("##padded", t.padded.values.data(), t.padded.height, t.padded.width, side, in);
    note_control("conv_input");
    ImGui::EndGroup();
    ImGui::SameLine();
  }

  ImGui::BeginGroup();
  const ColorMap maps[] = {ColorMap::kSigned, ColorMap::kAbs, ColorMap::kPositive};
  ImGui::TextDisabled(tr("output %dx%d (click a cell to jump)"), t.output.height, t.output.width);
  std::vector<unsigned char> lit(size_t(positions), 0);
  for (int i = 0; i <= st.step.position; ++i) lit[size_t(i)] = 1;
  ImageViewStyle out;
  out.map = maps[st.display];
  out.lit = st.show_all ? nullptr : &lit;
  out.boxes.push_back(CellBox{t.out_y, t.out_x, 1, 1, kWindowColor, 3.0f});
  const ImageViewResult r = draw_image_view("##output", t.output.values.data(), t.output.height, t.output.width, side, out);
  note_control("conv_output");
  if (r.clicked && r.cell_y >= 0) {
    st.step.position = r.cell_y * ow + r.cell_x;
    st.step.playing = false;
  }
  ImGui::SetNextItemWidth(side);
  const char* displays[3];
  for (int i = 0; i < 3; ++i) displays[i] = tr(kDisplays[i]);
  ImGui::Combo("##display", &st.display, displays, 3);
  note_control("conv_display");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("signed: negatives blue, positives orange\nabsolute value: edges of either sign white\nReLU: negatives black, as the layer's activation would pass them"));
  ImGui::Checkbox(tr("every cell"), &st.show_all);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("show the whole output, not only the cells stepped through"));
  ImGui::SameLine();
  ImGui::Checkbox(tr("edge strength"), &st.show_magnitude);
  note_control("conv_magnitude");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("sqrt(Gx^2 + Gy^2) of the input, from Sobel x and Sobel y"));
  ImGui::EndGroup();

  edge_strength(st, view, sink, input);
  if (st.show_magnitude && !st.edge_strength.values.empty()) {
    if (c == 1) ImGui::SameLine();
    else ImGui::SetCursorScreenPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + line));
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", tr("edge strength sqrt(Gx^2 + Gy^2)"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Gx and Gy: the engine's outputs for Sobel x and Sobel y, same padding"));
    ImageViewStyle m;
    m.map = ColorMap::kGreyAuto;
    m.numbers = false;
    draw_image_view("##magnitude", st.edge_strength.values.data(), st.edge_strength.height, st.edge_strength.width,
                    std::min(side * 0.6f, ImGui::GetContentRegionAvail().x), m);
    note_control("conv_magnitude_image");
    ImGui::EndGroup();
  }

  ImGui::Spacing();
  if (st.flip) ImGui::TextDisabled("%s", tr("the flipped kernel is the one you wrote, rotated by 180 degrees"));
  const std::string shown = st.show_all ? std::string(tr("the whole output is shown"))
                                        : trf("stepping: %d of %d cells shown", st.step.position + 1, positions);
  st.status = trf("Convolution: output[%d][%d] = %.4g, of a %dx%d output (n = %d, f = %d, p = %d, s = %d%s%s); %s", t.out_y,
                  t.out_x, double(t.sum) + 0.0, t.output.height, t.output.width, input.height, f, p, st.stride,
                  c > 1 ? tr(", 3 channels") : "", st.flip ? tr(", kernel flipped") : "", shown.c_str());
  if (c == 1) computation(t, calc_side, st.flip, std::min(0.0f, *lo), *hi, input_side, p);
  ImGui::EndChild();
}

// ?conv.in=course-6x6-dark-left-half&conv.kernel=sobel-x&conv.pad=same&conv.stride=2&conv.at=3,
// or a kernel of one's own: conv.kernel=custom&conv.size=3&conv.k=0,1,0,1,-4,1,0,1,0
namespace {
constexpr const char* kPaddingKeys[] = {"valid", "same", "0", "1", "2", "3"};
constexpr const char* kDisplayKeys[] = {"signed", "abs", "relu"};
}  // namespace

void write_link(const ConvPanelState& st, LinkWriter& out) {
  const ConvPanelState d;
  if (st.source != d.source || st.picture != d.picture)
    out.text("conv.in", st.source == 1 ? "digit" : st.source == 2 ? "test" : slug(conv_pictures()[size_t(st.picture)].name));
  if (st.source == 2 && st.test_index != d.test_index) out.integer("conv.test", st.test_index);
  const int presets = int(kernel_presets().size());
  if (st.preset < 0) {
    out.text("conv.kernel", "custom");
    if (st.kernel_size != 3) out.integer("conv.size", st.kernel_size);
    out.numbers("conv.k", st.kernel);
  } else if (st.preset >= presets) {
    out.text("conv.kernel", slug(channel_examples()[size_t(st.preset - presets)].name));
  } else if (st.preset != d.preset) {
    out.text("conv.kernel", slug(kernel_presets()[size_t(st.preset)].name));
  }
  if (st.bias != d.bias) out.number("conv.bias", st.bias);
  if (st.padding_choice != d.padding_choice) out.text("conv.pad", kPaddingKeys[st.padding_choice == 2 ? 2 + st.padding : st.padding_choice]);
  if (st.stride != d.stride) out.integer("conv.stride", st.stride);
  if (st.flip != d.flip) out.integer("conv.flip", 1);
  if (st.step.position != d.step.position) out.integer("conv.at", st.step.position);
  if (st.display != d.display) out.text("conv.show", kDisplayKeys[st.display]);
  if (st.show_all != (st.positions_seen > 64)) out.integer("conv.all", st.show_all ? 1 : 0);
  if (st.show_magnitude != d.show_magnitude) out.integer("conv.edges", 1);
}

void read_link(ConvPanelState& st, LinkReader& in) {
  int input = 0;
  if (in.choice("conv.in", link_names({"digit", "test"}, conv_pictures()), &input)) {
    st.source = input == 0 ? 1 : input == 1 ? 2 : 0;
    st.picture = input < 2 ? 0 : input - 2;
  }
  in.integer("conv.test", 0, 9999, &st.test_index);
  const int channels = st.source == 0 ? conv_pictures()[size_t(st.picture)].image.channels : 1;

  // "custom", the 3-channel picture's examples ("3x3x3-example", "1x1x3-grey-from-colour"), the presets.
  std::vector<std::string> first = {"custom"};
  for (const ChannelExample& e : channel_examples()) first.push_back(slug(e.name));
  const std::vector<std::string> names = link_names(first, kernel_presets());
  const int examples = int(channel_examples().size()), presets = int(kernel_presets().size());
  int kernel = 0;
  if (in.choice("conv.kernel", names, &kernel)) {
    if (kernel == 0) {
      int f = 3;
      in.integer("conv.size", 1, 5, &f);
      std::vector<float> values;
      if (f != 1 && f != 3 && f != 5) in.reject("conv.size", tr("a kernel is 1x1, 3x3 or 5x5"));
      else if (in.numbers("conv.k", channels * f * f, -1000.0f, 1000.0f, &values)) {
        st.preset = -1;
        st.kernel_size = f;
        st.kernel = std::move(values);
      }
    } else if (kernel <= examples && channels != 3) {
      in.reject("conv.kernel", trf("%s needs the 3-channel picture", names[size_t(kernel)].c_str()));
    } else {
      st.preset = kernel <= examples ? presets + kernel - 1 : kernel - 1 - examples;
      apply_preset(st, channels);
    }
  }
  in.number("conv.bias", -1000.0f, 1000.0f, &st.bias);
  int pad = 0;
  if (in.choice("conv.pad", kPaddingKeys, 6, &pad)) {
    st.padding_choice = std::min(pad, 2);
    if (pad >= 2) st.padding = pad - 2;
  }
  in.integer("conv.stride", 1, 3, &st.stride);
  in.flag("conv.flip", &st.flip);
  in.integer("conv.at", 0, 64 * 64, &st.step.position);  // the stepper keeps it inside the output
  in.choice("conv.show", kDisplayKeys, 3, &st.display);
  if (in.flag("conv.all", &st.show_all)) st.positions_seen = -1;
  in.flag("conv.edges", &st.show_magnitude);
}

}  // namespace cnn::ui
