// What a layer costs: the 1x1 bottleneck (notes 001, 002: "network in network", Inception)
// and depthwise-separable convolution (note 002: MobileNet), with the notes' own examples and
// the current network's convolutions. Every count is the engine's summary of a spec
// (SummarizeSpec: each layer's output and multiply-accumulates); the panel only writes the
// specs and puts the engine's numbers side by side.
//
//   5x5 directly:       input 28x28x192; conv 32 5x5 same               120,422,400
//   1x1 bottleneck:     input 28x28x192; conv 16 1x1; conv 32 5x5 same   2,408,448 + 10,035,200
//   normal 3x3:         input 6x6x3; conv 5 3x3                               2,160
//   depthwise-separable input 6x6x3; dwconv 3x3; conv 5 1x1                   432 + 240
//   MobileNet v2 block  input 14x14x24; residual(conv 144 1x1; ...; dwconv 3x3 same; ...; conv 24 1x1; ...)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "lesson_link.h"
#include "panels/panels.h"
#include "spec_questions.h"
#include "widgets/flow.h"
#include "widgets/summary_table.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

const ImVec4 kResultColour(1.0f, 0.82f, 0.35f, 1.0f);
const ImVec4 kErrorColour(1.0f, 0.45f, 0.45f, 1.0f);

// A size field: a whole number from lo to hi, with its label after it; on the line before when
// it fits there (`first`: a new line).
bool size_field(const char* control, const char* label, int* value, int lo, int hi, bool first = false) {
  const float width = ImGui::GetFontSize() * 6.5f;  // a few digits and the - + buttons
  if (!first) same_line_if_fits(width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x);
  ImGui::SetNextItemWidth(width);
  const bool changed = ImGui::InputInt((std::string(label) + "##" + control).c_str(), value, 1, 8);
  note_control(control);
  *value = std::clamp(*value, lo, hi);
  return changed;
}

// The engine's summaries of both specs, or null while one is on its way. An error (a kernel
// wider than the input) is said in the engine's words.
bool both_summaries(CostPanelState& st, const EngineView& view, CommandSink& sink, const std::string& a,
                    const std::string& b, const proto::SpecSummarized** sa, const proto::SpecSummarized** sb) {
  *sa = ask_spec_summary(st.questions, view, sink, a);
  *sb = ask_spec_summary(st.questions, view, sink, b);
  if (!*sa || !*sb) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    return false;
  }
  for (const proto::SpecSummarized* s : {*sa, *sb}) {
    if (!s->error.empty()) {
      text_wrapped_colored(kErrorColour, "%s", s->error.c_str());
      return false;
    }
  }
  return true;
}

// Each layer's MACs joined with " + " ("2,408,448 + 10,035,200"), the input row left out.
std::string macs_sum(const proto::ModelSummary& s) {
  std::string out;
  for (const proto::SummaryRow& r : s.rows) {
    if (r.macs == 0) continue;
    out += (out.empty() ? "" : " + ") + grouped(r.macs);
  }
  return out.empty() ? "0" : out;
}

// The two specs' layer tables side by side (`id` keeps each pair's windows apart).
void two_tables(const char* id, const proto::ModelSummary& a, const proto::ModelSummary& b, const char* title_a,
                const char* title_b) {
  ImGui::PushID(id);
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float width = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const proto::ModelSummary* s[2] = {&a, &b};
  const char* titles[2] = {title_a, title_b};
  const float rows = float(std::max(a.rows.size(), b.rows.size()));
  for (int i = 0; i < 2; ++i) {
    if (i) ImGui::SameLine();
    // The title, then the table: its header, the input row, the layers and the total.
    ImGui::BeginChild(i ? "b" : "a", ImVec2(width, line * (rows + 3.6f)), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextDisabled("%s", titles[i]);
    const std::string noted = std::string("cost_") + id + (i ? "_b" : "_a");  // "cost_separable_b"
    draw_summary_table("table", *s[i], line * (rows + 2.6f), noted.c_str());
    ImGui::EndChild();
  }
  ImGui::PopID();
}

// The comparison's result in words (the page's #explorer-status too), then both tables.
std::string show_result(const std::string& line, const char* control, const char* id, const proto::SpecSummarized& a,
                        const proto::SpecSummarized& b, const char* title_a, const char* title_b) {
  text_wrapped_colored(kResultColour, "%s", line.c_str());
  note_control(control);
  two_tables(id, a.summary, b.summary, title_a, title_b);
  return line;
}

const proto::SummaryRow* row_named(const proto::ModelSummary& s, const char* name) {
  for (const proto::SummaryRow& r : s.rows)
    if (r.name == name) return &r;
  return nullptr;
}

std::string bottleneck_view(CostPanelState& st, const EngineView& view, CommandSink& sink) {
  ImGui::TextDisabled("%s", tr("1x1 convolution as a bottleneck (notes 001 and 002: network in network, Inception)"));
  size_field("cost_side", tr("side n"), &st.side, 1, 256, true);
  size_field("cost_channels", tr("channels in"), &st.channels, 1, 1024);
  size_field("cost_filters", tr("filters out"), &st.out, 1, 1024);
  size_field("cost_kernel", tr("kernel f"), &st.kernel, 1, 11);
  size_field("cost_mid", tr("1x1 to channels"), &st.mid, 1, 1024);
  char a[160], b[200];
  std::snprintf(a, sizeof a, "input %dx%dx%d; conv %d %dx%d same", st.side, st.side, st.channels, st.out, st.kernel, st.kernel);
  std::snprintf(b, sizeof b, "input %dx%dx%d; conv %d 1x1; conv %d %dx%d same", st.side, st.side, st.channels, st.mid,
                st.out, st.kernel, st.kernel);
  const proto::SpecSummarized *sa = nullptr, *sb = nullptr;
  if (!both_summaries(st, view, sink, a, b, &sa, &sb)) return "";
  const int64_t direct = sa->summary.macs, through = sb->summary.macs;
  const std::string line =
      trf("%dx%d directly: %s multiplications. Through a 1x1 to %d channels first: %s = %s, %.1f%% of it.", st.kernel,
          st.kernel, grouped(direct).c_str(), st.mid, macs_sum(sb->summary).c_str(), grouped(through).c_str(),
          direct > 0 ? 100.0 * double(through) / double(direct) : 0.0);
  return show_result(line, "cost_bottleneck_result", "bottleneck", *sa, *sb, tr("directly"), tr("through a 1x1 bottleneck"));
}

std::string separable_view(CostPanelState& st, const EngineView& view, CommandSink& sink) {
  ImGui::TextDisabled("%s", tr("Depthwise-separable convolution (note 002: MobileNet)"));
  size_field("cost_dw_side", tr("side n"), &st.dw_side, 1, 256, true);
  size_field("cost_dw_channels", tr("channels n_c"), &st.dw_channels, 1, 1024);
  size_field("cost_dw_filters", tr("filters n'_c"), &st.dw_filters, 1, 1024);
  size_field("cost_dw_kernel", tr("kernel f"), &st.dw_kernel, 1, 11);
  char a[160], b[200];
  std::snprintf(a, sizeof a, "input %dx%dx%d; conv %d %dx%d", st.dw_side, st.dw_side, st.dw_channels, st.dw_filters,
                st.dw_kernel, st.dw_kernel);
  std::snprintf(b, sizeof b, "input %dx%dx%d; dwconv %dx%d; conv %d 1x1", st.dw_side, st.dw_side, st.dw_channels,
                st.dw_kernel, st.dw_kernel, st.dw_filters);
  const proto::SpecSummarized *sa = nullptr, *sb = nullptr;
  if (!both_summaries(st, view, sink, a, b, &sa, &sb)) return "";
  const int64_t normal = sa->summary.macs, separable = sb->summary.macs;
  const proto::SummaryRow* dw = row_named(sb->summary, "depthwise_conv2d");
  const proto::SummaryRow* pw = row_named(sb->summary, "conv2d");
  if (!dw || !pw) return "";
  const int64_t depthwise = dw->macs, pointwise = pw->macs;
  // The notes' formula, 1/n'_c + 1/f^2, with the sizes filled in, beside the engine's ratio.
  const double formula = 1.0 / st.dw_filters + 1.0 / (double(st.dw_kernel) * st.dw_kernel);
  const std::string line = trf("Normal %dx%d convolution to %d channels: %s multiplications. Depthwise (one %dx%d kernel per channel, %s out): %s; pointwise (%d kernels of 1x1x%d): %s; total %s. Ratio %s / %s = %.2f = 1/n'_c + 1/f^2 = 1/%d + 1/%d.",
      st.dw_kernel, st.dw_kernel, st.dw_filters, grouped(normal).c_str(), st.dw_kernel, st.dw_kernel,
      dw->output.c_str(), grouped(depthwise).c_str(), st.dw_filters, st.dw_channels,
      grouped(pointwise).c_str(), grouped(separable).c_str(), grouped(separable).c_str(), grouped(normal).c_str(),
      normal > 0 ? double(separable) / double(normal) : 0.0, st.dw_filters, st.dw_kernel * st.dw_kernel);
  show_result(line, "cost_separable_result", "separable", *sa, *sb, tr("normal convolution"), tr("depthwise, then pointwise (1x1)"));
  // The engine's counts and the formula agree to the last digit shown; a mismatch would be a bug.
  if (normal > 0 && std::abs(double(separable) / double(normal) - formula) > 1e-9)
    text_wrapped_colored(kErrorColour, "%s", tr("The engine's counts and the formula disagree."));
  return line;
}

// MobileNet v2's block (Sandler et al. 2018, as Keras builds it): a 1x1 expands the channels
// t times, a 3x3 depthwise works on each, a 1x1 projects back, and the input is added.
std::string inverted_residual_view(CostPanelState& st, const EngineView& view, CommandSink& sink) {
  ImGui::TextDisabled("%s", tr("The MobileNet v2 bottleneck: expansion 1x1, depthwise 3x3, projection 1x1, and the input added"));
  size_field("cost_mb_side", tr("side n"), &st.mb_side, 3, 256, true);
  size_field("cost_mb_channels", tr("channels"), &st.mb_channels, 1, 512);
  size_field("cost_mb_expansion", tr("expansion t"), &st.mb_expansion, 1, 12);
  const int n = st.mb_side, c = st.mb_channels, wide = st.mb_channels * st.mb_expansion;
  char a[160], b[320];
  std::snprintf(a, sizeof a, "input %dx%dx%d; conv %d 3x3 same", n, n, c, c);
  std::snprintf(b, sizeof b,
                "input %dx%dx%d; residual(conv %d 1x1 nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; relu6; "
                "conv %d 1x1 nobias; batchnorm)",
                n, n, c, wide, c);
  const proto::SpecSummarized *sa = nullptr, *sb = nullptr;
  if (!both_summaries(st, view, sink, a, b, &sa, &sb)) return "";
  std::vector<const proto::SummaryRow*> convs;
  for (const proto::SummaryRow& r : sb->summary.rows)
    if (r.name == "conv2d" || r.name == "depthwise_conv2d") convs.push_back(&r);
  if (convs.size() != 3) return "";
  const std::string line = trf("Expansion 1x1 to %d channels (%s out): %s; depthwise 3x3 (%s out): %s; projection 1x1 back to %d channels: %s; with the input added, %s multiply-accumulates and %s parameters. A plain 3x3 convolution from %d to %d channels there: %s and %s.",
      wide, convs[0]->output.c_str(), grouped(convs[0]->macs).c_str(), convs[1]->output.c_str(),
      grouped(convs[1]->macs).c_str(), c, grouped(convs[2]->macs).c_str(), grouped(sb->summary.macs).c_str(),
      grouped(sb->summary.params).c_str(), c, c, grouped(sa->summary.macs).c_str(), grouped(sa->summary.params).c_str());
  return show_result(line, "cost_mobilenet_result", "mobilenet", *sa, *sb, tr("plain 3x3 convolution"), tr("the bottleneck block"));
}

// The current network's top-level convolutions, each with what it would cost depthwise-separable.
// A statement "conv F K [...]" becomes "dwconv K [...]; conv F 1x1" on the same input.
void network_layers(CostPanelState& st, const EngineView& view, CommandSink& sink) {
  ImGui::TextDisabled("%s", tr("Your network's convolutions, depthwise-separable"));
  if (!view.has_model) return;
  const std::vector<proto::SummaryRow>& rows = view.summary.rows;
  std::string input = view.summary.input;
  bool any = false;
  for (const proto::SummaryRow& r : rows) {
    if (r.depth != 0) continue;  // inside a block: its paths' inputs are not the row before
    const std::string in = input;
    input = r.output;
    // "conv F K..." (the summary writes one space between words): F, and the words after it.
    // Not std::istringstream: iostreams put about 90 kB into playground.wasm.
    if (r.text.compare(0, 5, "conv ") != 0) continue;
    const size_t after = r.text.find(' ', 5);
    const std::string filters = r.text.substr(5, after == std::string::npos ? std::string::npos : after - 5);
    const std::string rest = after == std::string::npos ? "" : r.text.substr(after);
    const std::string normal = "input " + in + "; " + r.text;
    const std::string separable = "input " + in + "; dwconv" + rest + "; conv " + filters + " 1x1";
    const proto::SpecSummarized* a = ask_spec_summary(st.questions, view, sink, normal);
    const proto::SpecSummarized* b = ask_spec_summary(st.questions, view, sink, separable);
    any = true;
    if (!a || !b || !a->error.empty() || !b->error.empty() || a->summary.macs == 0) {
      ImGui::BulletText("%s: %s", r.text.c_str(), a && !a->error.empty() ? a->error.c_str() : "...");
      continue;
    }
    ImGui::BulletText(tr("%s (%s in): %s multiply-accumulates; depthwise-separable %s, %.0f%% of it"), r.text.c_str(),
                      in.c_str(), grouped(a->summary.macs).c_str(), grouped(b->summary.macs).c_str(),
                      100.0 * double(b->summary.macs) / double(a->summary.macs));
  }
  if (!any) ImGui::TextDisabled("%s", tr("(no convolution at the top level of this network)"));
  note_control("cost_network");
}

}  // namespace

void draw_cost_panel(CostPanelState& st, const EngineView& view, CommandSink& sink) {
  if (!view.ready) {
    ImGui::TextDisabled("%s", tr("Loading the engine"));
    return;
  }
  const std::string bottleneck = bottleneck_view(st, view, sink);
  ImGui::Separator();
  const std::string separable = separable_view(st, view, sink);
  ImGui::Separator();
  network_layers(st, view, sink);
  ImGui::Separator();
  const std::string mobilenet = inverted_residual_view(st, view, sink);
  st.status = bottleneck.empty() || separable.empty() || mobilenet.empty()
                  ? tr("Costs: asking the engine")
                  : trf("Costs: %s %s %s", bottleneck.c_str(), separable.c_str(), mobilenet.c_str());
}

void write_link(const CostPanelState& st, LinkWriter& out) {
  const CostPanelState d;
  if (st.side != d.side) out.integer("cost.n", st.side);
  if (st.channels != d.channels) out.integer("cost.c", st.channels);
  if (st.out != d.out) out.integer("cost.out", st.out);
  if (st.kernel != d.kernel) out.integer("cost.f", st.kernel);
  if (st.mid != d.mid) out.integer("cost.mid", st.mid);
  if (st.dw_side != d.dw_side) out.integer("cost.dw.n", st.dw_side);
  if (st.dw_channels != d.dw_channels) out.integer("cost.dw.c", st.dw_channels);
  if (st.dw_filters != d.dw_filters) out.integer("cost.dw.out", st.dw_filters);
  if (st.dw_kernel != d.dw_kernel) out.integer("cost.dw.f", st.dw_kernel);
  if (st.mb_side != d.mb_side) out.integer("cost.mb.n", st.mb_side);
  if (st.mb_channels != d.mb_channels) out.integer("cost.mb.c", st.mb_channels);
  if (st.mb_expansion != d.mb_expansion) out.integer("cost.mb.t", st.mb_expansion);
}

void read_link(CostPanelState& st, LinkReader& in) {
  in.integer("cost.n", 1, 256, &st.side);
  in.integer("cost.c", 1, 1024, &st.channels);
  in.integer("cost.out", 1, 1024, &st.out);
  in.integer("cost.f", 1, 11, &st.kernel);
  in.integer("cost.mid", 1, 1024, &st.mid);
  in.integer("cost.dw.n", 1, 256, &st.dw_side);
  in.integer("cost.dw.c", 1, 1024, &st.dw_channels);
  in.integer("cost.dw.out", 1, 1024, &st.dw_filters);
  in.integer("cost.dw.f", 1, 11, &st.dw_kernel);
  in.integer("cost.mb.n", 3, 256, &st.mb_side);
  in.integer("cost.mb.c", 1, 512, &st.mb_channels);
  in.integer("cost.mb.t", 1, 12, &st.mb_expansion);
}

}  // namespace cnn::ui
