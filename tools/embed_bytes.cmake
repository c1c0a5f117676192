# A file's bytes as a C++ array, for the page's UI module: the fonts it needs for its first
# frame come inside playground.wasm instead of through Emscripten's file system (whose glue
# was a third of playground.js). Run at build time:
#   cmake -DINPUT=font.ttf -DOUTPUT=font.cpp -DNAME=cnn_font_x -P tools/embed_bytes.cmake
# defines  extern "C" const unsigned char cnn_font_x[];  extern "C" const unsigned cnn_font_x_size;
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR size "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# 16 bytes a line (80 characters each).
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n" bytes "${bytes}")
file(WRITE ${OUTPUT} "// ${INPUT}, by tools/embed_bytes.cmake: generated, not edited.\n"
  "extern \"C\" const unsigned ${NAME}_size = ${size};\n"
  "extern \"C\" alignas(4) const unsigned char ${NAME}[${size} + 1] = {\n${bytes}0};\n")
