// The build's table writer: `write_table zh OUT` writes the compiled Chinese table as the file
// the page fetches (table_file.h). Built with Emscripten and run by Node at build time, so the
// file comes from the same compiled strings as the native build's table, escapes and all.
#include <cstdio>
#include <string>

#include "i18n/language.h"
#include "i18n/linked_tables.h"
#include "i18n/table_file.h"

int main(int argc, char** argv) {
  using namespace cnn::ui;
  cnn::ui::Language language = Language::kEnglish;
  if (argc != 3 || !language_from_code(argv[1], &language) || language == Language::kEnglish) {
    std::fprintf(stderr, "usage: write_table LANGUAGE OUT (LANGUAGE: a code with a table, such as zh)\n");
    return 2;
  }
  use_linked_tables();
  int size = 0;
  const Translation* table = language_table(language, &size);
  const std::string bytes = encode_table(table, size);
  std::FILE* out = std::fopen(argv[2], "wb");
  if (!out || std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size() || std::fclose(out) != 0) {
    std::fprintf(stderr, "write_table: %s cannot be written\n", argv[2]);
    return 1;
  }
  return 0;
}
