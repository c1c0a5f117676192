// The tables compiled in: the native window, the tests and the build's table writer link them
// (the cnnui_tables library); the page links none and fetches each language's table file.
#pragma once

namespace cnn::ui {

// Every compiled-in table handed to use_table().
void use_linked_tables();

}  // namespace cnn::ui
