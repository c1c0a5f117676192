# Writes OUTPUT: Dear ImGui's imgui_draw.cpp (INPUT) with its embedded ProggyClean font emptied,
# for the page's build. The page draws with the DejaVu and WenQuanYi subsets it embeds or fetches
# and never with ImGui's default font, yet ImFontAtlas::Build() keeps AddFontDefault() and so its
# 11,980 bytes of base85 (9.5 kB of the first load gzip'd) linked. Everything else is the file as
# Debian ships it. Fails when the array is not where this expects it (another ImGui).
#   cmake -DINPUT=imgui_draw.cpp -DOUTPUT=imgui_draw_web.cpp -P tools/imgui_without_default_font.cmake
file(READ "${INPUT}" source)
set(marker "static const char proggy_clean_ttf_compressed_data_base85[11980 + 1] =")
string(FIND "${source}" "${marker}" start)
if(start EQUAL -1)
  message(FATAL_ERROR "${INPUT}: no '${marker}' (not Dear ImGui 1.86?)")
endif()
string(SUBSTRING "${source}" 0 ${start} before)
# The array runs up to its getter, which follows it (its base85 holds ';' and quotes, so its
# end is found by what comes after it).
set(getter "static const char* GetDefaultCompressedFontDataTTFBase85()")
string(FIND "${source}" "${getter}" end)
if(end LESS start)
  message(FATAL_ERROR "${INPUT}: no '${getter}' after the ProggyClean array")
endif()
string(SUBSTRING "${source}" ${end} -1 after)
file(WRITE "${OUTPUT}" "${before}static const char proggy_clean_ttf_compressed_data_base85[1] = \"\";  // emptied: tools/imgui_without_default_font.cmake\n\n${after}")
