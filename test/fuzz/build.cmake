# Configures and builds the fuzz project (CMakeLists.txt beside this file)
# into BUILD with the clang++ CXX, through LAUNCHER (ccache) when given, and
# makes each target's scratch corpus folder, where libFuzzer writes the new
# inputs it finds (the checked-in corpus under corpus/ is only read).
#   cmake -DSOURCE=test/fuzz -DBUILD=build/fuzz -DCXX=clang++-14 [-DLAUNCHER=ccache] -P build.cmake
foreach(required SOURCE BUILD CXX)
  if(NOT ${required})
    message(FATAL_ERROR "build.cmake: -D${required}=... is required")
  endif()
endforeach()
set(launcher "")
if(LAUNCHER)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -S ${SOURCE} -B ${BUILD} -DCMAKE_CXX_COMPILER=${CXX}
          -DCMAKE_BUILD_TYPE=RelWithDebInfo ${launcher}
  RESULT_VARIABLE configured)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "configuring the fuzz targets failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD} -j 2 RESULT_VARIABLE built)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "building the fuzz targets failed")
endif()
file(GLOB targets ${SOURCE}/*_fuzz.cc)
foreach(source IN LISTS targets)
  get_filename_component(name ${source} NAME_WE)
  file(MAKE_DIRECTORY ${BUILD}/corpus/${name})
endforeach()
