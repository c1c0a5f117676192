// Gallery: every custom widget of ui/widgets/ with fixed sample data, like imgui_demo.cpp.
// Not a tab: `cnnplayground --mode gallery` natively, `index.html?mode=gallery` in the page.
// Where a widget's look changes, check it here first (and in its screenshot).
#include <cmath>
#include <vector>

#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/image_view.h"
#include "widgets/line_plot.h"

namespace cnn::ui {
namespace {

// A 6x6 ramp from -1 to 1 and a 3x3 of small integers: every colour map's range.
std::vector<float> ramp(int side) {
  std::vector<float> v(size_t(side) * side);
  for (int i = 0; i < side * side; ++i) v[size_t(i)] = -1.0f + 2.0f * float(i) / float(side * side - 1);
  return v;
}

void image_views(float side) {
  const std::vector<float> r = ramp(6);
  struct Sample {
    const char* label;
    ColorMap map;
  };
  const Sample samples[] = {{"kGrey (0..1)", ColorMap::kGrey},       {"kGreyAuto", ColorMap::kGreyAuto},
                            {"kSigned", ColorMap::kSigned},          {"kAbs", ColorMap::kAbs},
                            {"kPositive", ColorMap::kPositive}};
  for (int i = 0; i < 5; ++i) {
    if (i > 0) ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", samples[i].label);
    ImageViewStyle s;
    s.map = samples[i].map;
    ImGui::PushID(i);
    draw_image_view("##ramp", r.data(), 6, 6, side, s);
    ImGui::PopID();
    ImGui::EndGroup();
  }

  // Padding border, a window box, an arg-max box, and cells not computed yet.
  const std::vector<float> grid = {0, 0, 0, 0, 0, 0, 1, 3, 2, 0, 0, 2, 9, 1, 0, 0, 1, 3, 2, 0, 0, 0, 0, 0, 0};
  std::vector<unsigned char> lit(25, 1);
  for (int i = 17; i < 25; ++i) lit[size_t(i)] = 0;
  ImageViewStyle s;
  s.map = ColorMap::kGreyAuto;
  s.border = 1;
  s.lit = &lit;
  s.boxes.push_back(CellBox{1, 1, 2, 2, IM_COL32(255, 210, 60, 255), 3.0f, true});
  s.boxes.push_back(CellBox{2, 2, 1, 1, IM_COL32(255, 90, 90, 255), 3.0f});
  ImGui::TextDisabled("%s", tr("border = 1, a window box with fill, an arg-max box, the last cells dim (lit)"));
  draw_image_view("##boxes", grid.data(), 5, 5, side, s);
}

void line_plots(float width, float height) {
  std::vector<float> xs, loss, accuracy;
  for (int i = 0; i <= 100; ++i) {
    xs.push_back(float(i) * 600.0f);
    loss.push_back(2.3f * std::exp(-float(i) / 8.0f) + 0.05f + 0.03f * std::sin(float(i)));
    accuracy.push_back(1.0f - 0.9f * std::exp(-float(i) / 8.0f) - 0.01f * std::fabs(std::sin(float(i) * 1.7f)));
  }
  const float epoch_x[] = {30000, 60000}, test_accuracy[] = {0.975f, 0.983f};
  const PlotSeries series[] = {
      {tr("train"), xs.data(), accuracy.data(), int(xs.size()), IM_COL32(110, 160, 240, 255)},
      {tr("test"), epoch_x, test_accuracy, 2, IM_COL32(120, 220, 120, 255), true},
  };
  draw_line_plot("##accuracy", ImVec2(width, height), PlotAxes{0, 60000, 0.1f, 1.0f, 100.0f, "%"}, series, 2);
  const PlotSeries loss_series[] = {{tr("loss"), xs.data(), loss.data(), int(xs.size()), IM_COL32(110, 160, 240, 255)}};
  draw_line_plot("##loss", ImVec2(width, height), PlotAxes{0, 60000, 0, 2.4f}, loss_series, 1);
  draw_line_plot("##empty", ImVec2(width, height), PlotAxes{0, 1, 0, 1, 1.0f, "", tr("samples"), tr("empty_text while no points")},
                 nullptr, 0);
}

}  // namespace

void draw_gallery_panel() {
  const float line = ImGui::GetTextLineHeight();
  if (ImGui::CollapsingHeader(tr_id("ImageView: colour maps, numbers, boxes", "gallery_image_view"), ImGuiTreeNodeFlags_DefaultOpen))
    image_views(line * 9);
  if (ImGui::CollapsingHeader(tr_id("LinePlot: series, markers, legend, empty", "gallery_line_plot"), ImGuiTreeNodeFlags_DefaultOpen))
    line_plots(ImGui::GetContentRegionAvail().x, line * 7);
}

}  // namespace cnn::ui
