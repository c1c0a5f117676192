# One ui.native_window_* test (ui/CMakeLists.txt): the native window under Xvfb saves a frame,
# and screenshot_check says whether it is a drawn frame of the expected view.
#   cmake -DXVFB_RUN=... -DAPP=... -DCHECK=... -DMODE=draw [-DUI_LANG=zh] -DPNG=out.png
#         [-DEXPECT=black:0.15,white:0.01] -P native_window_test.cmake
# EXPECT: comma-separated CLASS:MIN_FRACTION pairs for screenshot_check (its header).
foreach(var XVFB_RUN APP CHECK MODE PNG)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "native_window_test.cmake: ${var} is not set")
  endif()
endforeach()

# A frame left by an earlier run must not pass for this one's.
file(REMOVE "${PNG}")
set(app_args --mode ${MODE} --seconds 2 --screenshot ${PNG})
if(UI_LANG)
  list(APPEND app_args --lang ${UI_LANG})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY ${XVFB_RUN} -a -s "-screen 0 1280x720x24"
                        ${APP} ${app_args}
                RESULT_VARIABLE app_result)
if(NOT app_result EQUAL 0)
  message(FATAL_ERROR "cnnplayground --mode ${MODE} exited with ${app_result}")
endif()

set(check_args)
if(EXPECT)
  string(REPLACE "," ";" pairs "${EXPECT}")
  foreach(pair IN LISTS pairs)
    string(REPLACE ":" ";" class_and_fraction "${pair}")
    list(APPEND check_args ${class_and_fraction})
  endforeach()
endif()
execute_process(COMMAND ${CHECK} ${PNG} 1280 720 ${check_args} RESULT_VARIABLE check_result)
if(NOT check_result EQUAL 0)
  message(FATAL_ERROR "the screenshot ${PNG} is not the expected view (screenshot_check above)")
endif()
