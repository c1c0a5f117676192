#include "i18n/linked_tables.h"

#include "i18n/language.h"

namespace cnn::ui {

extern const Translation kChineseTable[];
extern const int kChineseTableSize;

void use_linked_tables() { use_table(Language::kChinese, kChineseTable, kChineseTableSize); }

}  // namespace cnn::ui
