#include "widgets/line_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "i18n/language.h"
#include "theme.h"

namespace cnn::ui {

float nice_range(float& lo, float& hi, int max_ticks) {
  if (!(hi > lo)) hi = lo + 1.0f;
  const float rough = (hi - lo) / float(std::max(1, max_ticks));
  const float power = std::pow(10.0f, std::floor(std::log10(rough)));
  float step = power * 10.0f;
  for (float m : {1.0f, 2.0f, 5.0f, 10.0f})
    if (power * m >= rough) {
      step = power * m;
      break;
    }
  lo = std::floor(lo / step + 1e-4f) * step;
  hi = std::ceil(hi / step - 1e-4f) * step;
  return step;
}

void tick_label(char* buf, size_t size, double v, int decimals, const char* suffix) {
  const double a = std::fabs(v);
  if (!std::isfinite(v)) std::snprintf(buf, size, "%s%s", std::isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf", suffix);
  else if (a >= 1e9) std::snprintf(buf, size, "%.0e%s", v, suffix);
  else if (a >= 1e6) std::snprintf(buf, size, "%.3gM%s", v / 1e6, suffix);
  else if (a >= 1e4) std::snprintf(buf, size, "%.3gk%s", v / 1e3, suffix);
  else if (a != 0 && a < 1e-4) std::snprintf(buf, size, "%.0e%s", v, suffix);
  else std::snprintf(buf, size, "%.*f%s", decimals, v, suffix);
}

namespace {

// "30k", "1.5M", "800"
void count_label(char* buf, size_t size, float v) {
  if (std::fabs(v) >= 1e6f) std::snprintf(buf, size, "%gM", double(v) / 1e6);
  else if (std::fabs(v) >= 1e3f) std::snprintf(buf, size, "%gk", double(v) / 1e3);
  else std::snprintf(buf, size, "%g", double(v));
}

// "98.5%": as many decimals as the tick step needs, `extra` more for values.
void value_label(char* buf, size_t size, float v, float step, const PlotAxes& axes, int extra) {
  const int decimals = std::clamp(int(-std::floor(std::log10(step * axes.y_scale) + 1e-4f)), 0, 4) + extra;
  tick_label(buf, size, double(v) * axes.y_scale, decimals, axes.y_suffix);
}

// A legend or tooltip value: the table's digits when asked for.
void legend_value(char* buf, size_t size, float v, float step, const PlotAxes& axes) {
  if (axes.legend_decimals >= 0) tick_label(buf, size, double(v) * axes.y_scale, axes.legend_decimals, axes.y_suffix);
  else value_label(buf, size, v, step, axes, 1);
}

// Index of the point with x nearest to `x` (xs ascending).
int nearest(const PlotSeries& s, float x) {
  const float* it = std::lower_bound(s.xs, s.xs + s.count, x);
  int i = int(it - s.xs);
  if (i >= s.count) i = s.count - 1;
  if (i > 0 && std::fabs(s.xs[i - 1] - x) < std::fabs(s.xs[i] - x)) --i;
  return i;
}

}  // namespace

void draw_line_plot(const char* id, ImVec2 size, const PlotAxes& axes, const PlotSeries* series, int series_count) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const float line = ImGui::GetTextLineHeight();
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 grid = IM_COL32(255, 255, 255, 28);

  // Log scale: the axis is in decades of the value, ticks on powers of ten.
  auto ty = [&](float y) { return axes.log_y ? std::log10(std::max(y, 1e-30f)) : y; };
  float y_lo = ty(axes.y_min), y_hi = ty(axes.y_max);
  float y_step = 0;
  // As many y ticks as fit the plot area (the legend above and the x labels below take about
  // three lines) with a line and a half between them.
  const int y_ticks = std::max(2, int((size.y - line * 3.0f) / (line * 1.5f)));
  if (axes.log_y) {
    y_lo = std::floor(y_lo + 1e-4f);
    y_hi = std::max(y_lo + 1, std::ceil(y_hi - 1e-4f));
    y_step = std::max(1.0f, std::ceil((y_hi - y_lo) / float(y_ticks)));
    y_hi = y_lo + y_step * std::ceil((y_hi - y_lo) / y_step);
  } else {
    y_step = nice_range(y_lo, y_hi, y_ticks);
  }
  auto y_text = [&](char* out, size_t n, float t) {  // a tick label at axis position t
    if (axes.log_y) tick_label(out, n, std::pow(10.0, double(t)) * axes.y_scale, std::max(0, int(-t)), axes.y_suffix);
    else value_label(out, n, t, y_step, axes, 0);
  };
  float x_lo = axes.x_min, x_hi = axes.x_max;
  const float x_step = nice_range(x_lo, x_hi, std::max(2, int(size.x / (line * 6.0f))));
  x_lo = axes.x_min;  // the x axis starts where the data starts; only the ticks are nice

  // The plot area leaves room for the widest y label on the left and the x labels below.
  char buf[48];
  float left = 0;
  for (float y = y_lo; y <= y_hi + y_step * 0.5f; y += y_step) {
    y_text(buf, sizeof buf, y);
    left = std::max(left, ImGui::CalcTextSize(buf).x);
  }
  left += line * 0.6f;
  // A legend row on top, then the plot area.
  const ImVec2 a(o.x + left, o.y + line * 1.6f), b(o.x + size.x - line * 0.5f, o.y + size.y - line * 1.4f);
  dl->AddRectFilled(o, ImVec2(o.x + size.x, o.y + size.y), ImGui::GetColorU32(ImGuiCol_FrameBg), 4.0f);
  if (b.x - a.x < 10 || b.y - a.y < 10) return;
  auto px = [&](float x) { return a.x + (x - x_lo) / (x_hi - x_lo) * (b.x - a.x); };
  auto py = [&](float y) { return b.y - (std::clamp(ty(y), y_lo, y_hi) - y_lo) / (y_hi - y_lo) * (b.y - a.y); };
  auto py_axis = [&](float t) { return b.y - (t - y_lo) / (y_hi - y_lo) * (b.y - a.y); };

  for (float y = y_lo; y <= y_hi + y_step * 0.5f; y += y_step) {
    dl->AddLine(ImVec2(a.x, py_axis(y)), ImVec2(b.x, py_axis(y)), grid);
    y_text(buf, sizeof buf, y);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - line * 0.3f, py_axis(y) - ts.y * 0.5f), text, buf);
  }
  bool any = false;
  for (int k = 0; k < series_count; ++k) any = any || series[k].count > 0;
  if (!any) {
    const ImVec2 ts = ImGui::CalcTextSize(axes.empty_text);
    dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f), text, axes.empty_text);
    return;
  }
  // Tick labels under the axis; the last one carries the unit ("60k samples"), right-aligned,
  // and the others give way to it ("150k200k samples" overlapped before).
  float last_x = x_lo;
  for (float x = std::ceil(x_lo / x_step) * x_step; x <= x_hi + x_step * 0.01f; x += x_step) last_x = x;
  count_label(buf, sizeof buf, last_x);
  std::snprintf(buf + std::strlen(buf), sizeof buf - std::strlen(buf), " %s", axes.x_unit);
  const ImVec2 last_size = ImGui::CalcTextSize(buf);
  const float last_tx = std::min(px(last_x) - last_size.x * 0.5f, b.x + line * 0.5f - last_size.x);
  dl->AddText(ImVec2(last_tx, b.y + line * 0.2f), text, buf);
  for (float x = std::ceil(x_lo / x_step) * x_step; x <= x_hi + x_step * 0.01f; x += x_step) {
    dl->AddLine(ImVec2(px(x), a.y), ImVec2(px(x), b.y), grid);
    if (x == last_x) continue;
    count_label(buf, sizeof buf, x);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const float tx = std::max(px(x) - ts.x * 0.5f, a.x - line * 0.3f);
    if (tx + ts.x + line * 0.5f <= last_tx) dl->AddText(ImVec2(tx, b.y + line * 0.2f), text, buf);
  }

  // Markers on the edges are drawn whole: the clip reaches a marker's radius beyond the axes.
  const float r = line * 0.25f;
  dl->PushClipRect(ImVec2(a.x - r, a.y - r), ImVec2(b.x + r, b.y + r), true);
  for (int k = 0; k < series_count; ++k) {
    const PlotSeries& s = series[k];
    for (int i = 1; i < s.count; ++i)
      dl->AddLine(ImVec2(px(s.xs[i - 1]), py(s.ys[i - 1])), ImVec2(px(s.xs[i]), py(s.ys[i])), s.color, stroke(2.0f));
    if (s.markers || s.count == 1)
      for (int i = 0; i < s.count; ++i) dl->AddCircleFilled(ImVec2(px(s.xs[i]), py(s.ys[i])), r, s.color);
  }
  if (axes.mark_x >= x_lo && axes.mark_x <= x_hi) {
    const float x = px(axes.mark_x), dash = line * 0.4f;
    for (float y = a.y; y < b.y; y += dash * 2) dl->AddLine(ImVec2(x, y), ImVec2(x, std::min(b.y, y + dash)), kWindowMark, stroke(1.5f));
    const ImVec2 ts = ImGui::CalcTextSize(axes.mark_label);
    const float tx = x + ts.x + line * 0.3f > b.x ? x - ts.x - line * 0.2f : x + line * 0.2f;
    dl->AddText(ImVec2(tx, a.y + line * 0.1f), kWindowMark, axes.mark_label);
  }
  dl->PopClipRect();

  // Legend, above the plot: each series' label and latest value.
  float lx = a.x;
  for (int k = 0; k < series_count; ++k) {
    const PlotSeries& s = series[k];
    if (s.count == 0 || !s.label[0]) continue;
    char value[32];
    legend_value(value, sizeof value, s.ys[s.count - 1], y_step, axes);
    std::snprintf(buf, sizeof buf, "%s %s", s.label, value);
    const float ly = o.y + line * 0.3f;
    dl->AddRectFilled(ImVec2(lx, ly + line * 0.2f), ImVec2(lx + line * 0.6f, ly + line * 0.8f), s.color, 2.0f);
    dl->AddText(ImVec2(lx + line * 0.8f, ly), ImGui::GetColorU32(ImGuiCol_Text), buf);
    lx += line * 1.6f + ImGui::CalcTextSize(buf).x;
  }

  if (hovered) {
    const float x = x_lo + (ImGui::GetIO().MousePos.x - a.x) / (b.x - a.x) * (x_hi - x_lo);
    ImGui::BeginTooltip();
    for (int k = 0; k < series_count; ++k) {
      const PlotSeries& s = series[k];
      if (s.count == 0 || !s.label[0]) continue;
      const int i = nearest(s, x);
      char value[32], at[32];
      legend_value(value, sizeof value, s.ys[i], y_step, axes);
      count_label(at, sizeof at, s.xs[i]);
      ImGui::Text(tr("%s %s at %s %s"), s.label, value, at, axes.x_unit);
    }
    ImGui::EndTooltip();
  }
}

}  // namespace cnn::ui
