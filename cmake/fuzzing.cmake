# The libFuzzer build (OCK_FUZZ=ON, ci/fuzz, build-fuzz/): clang++ with
# -fsanitize=fuzzer,address,undefined, and nothing but the fuzz targets of reference-server/fuzz,
# conformance/fuzz and client/fuzz, each built from the few units its parser needs. Writes
# <build>/fuzz-targets.tsv (name, binary, seed corpus, regressions, dictionary) for ci/fuzz.
# Must not change the normal build: the top-level CMakeLists.txt includes it only under OCK_FUZZ.

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "OCK_FUZZ needs clang++ (libFuzzer): configure with "
                      "-DCMAKE_CXX_COMPILER=clang++ in a build folder of its own (ci/fuzz)")
endif()

# Every unit compiled here gets coverage instrumentation and the sanitizers; only the targets
# link libFuzzer's main. UBSan aborts (libFuzzer then keeps the input) instead of logging on.
# -O1 as libFuzzer's documentation advises, whatever the build type; line tables are all a
# symbolized stack trace needs, and build much faster than full debug information.
add_compile_options(-O1 -gline-tables-only -fno-omit-frame-pointer
                    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all)
add_link_options(-fsanitize=address,undefined)

set_property(GLOBAL PROPERTY OCK_FUZZ_MANIFEST "")

# ock_fuzz_target(NAME name SOURCES ... LIBS ... [DICT file]): the executable fuzz_<prefix>_<name>
# in <build>/bin, where <prefix> is OCK_FUZZ_PREFIX of the calling folder; its seeds are
# corpus/<name>/ and its kept crashes regressions/<name>/ next to the calling CMakeLists.txt.
function(ock_fuzz_target)
  cmake_parse_arguments(F "" "NAME;DICT" "SOURCES;LIBS" ${ARGN})
  set(full ${OCK_FUZZ_PREFIX}_${F_NAME})
  add_executable(fuzz_${full} ${F_SOURCES})
  target_link_libraries(fuzz_${full} PRIVATE ${F_LIBS} ock_warnings)
  target_link_options(fuzz_${full} PRIVATE -fsanitize=fuzzer)
  set_target_properties(fuzz_${full} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
  foreach(dir corpus/${F_NAME} regressions/${F_NAME})
    if(NOT IS_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/${dir})
      message(FATAL_ERROR "fuzz target ${full}: no folder ${CMAKE_CURRENT_SOURCE_DIR}/${dir}")
    endif()
  endforeach()
  set(dict "")
  if(F_DICT)
    set(dict ${CMAKE_CURRENT_SOURCE_DIR}/${F_DICT})
  endif()
  string(CONCAT line "${full}\t$<TARGET_FILE:fuzz_${full}>\t"
         "${CMAKE_CURRENT_SOURCE_DIR}/corpus/${F_NAME}\t"
         "${CMAKE_CURRENT_SOURCE_DIR}/regressions/${F_NAME}\t${dict}\n")
  set_property(GLOBAL APPEND_STRING PROPERTY OCK_FUZZ_MANIFEST "${line}")
endfunction()

add_subdirectory(reference-server/fuzz)
add_subdirectory(conformance/fuzz)
add_subdirectory(client/fuzz)

get_property(manifest GLOBAL PROPERTY OCK_FUZZ_MANIFEST)
file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/fuzz-targets.tsv CONTENT "${manifest}")
