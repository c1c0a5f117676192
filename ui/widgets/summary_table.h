// The layer table of a model summary, as Keras prints it: each layer's statement, output
// shape, parameters and multiply-accumulates, then the totals. Rows inside a residual or
// parallel block are indented under it, each path after the first marked with '|', and the
// block's own row (add, concatenate) closes it. Number columns fit their widest cell.
//
//   draw_summary_table("summary", view.summary, height, "model_summary_rows");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/messages.h"

namespace cnn::ui {

// `scroll_control`: the name its scrolling region is noted under (note_scroll_area).
void draw_summary_table(const char* id, const cnn::protocol::ModelSummary& summary, float height,
                        const char* scroll_control);

// "1.2 G", "416 k", "24.3 k", "2,160": multiply-accumulates at a glance (whole below 10,000).
std::string short_count(int64_t n);

// A table column's width for its header and every cell's text, with the cell padding: a
// number column that never cuts its digits ("102,764,5" for 102,764,544 at 1280x720 before).
float fit_column_width(const char* header, const std::vector<std::string>& texts);

}  // namespace cnn::ui
