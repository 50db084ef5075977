# ctest api.install_and_embed: installs the build into a fresh prefix and
# builds and runs examples/embed against that prefix alone, as a user would:
# C++ through find_package(kgraph), C through pkg-config, Python through the
# installed module. Run as cmake -P with BUILD_DIR, SOURCE_DIR, LIB_DIR,
# PYTHON (empty: no Python module), PYTHON_DIR, EXTRA_FLAGS, PYTHON_ENV.
cmake_minimum_required(VERSION 3.25)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

function(expect text what)
  string(FIND "${text}" "${what}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected '${what}' in:\n${text}")
  endif()
endfunction()

string(RANDOM LENGTH 8 suffix)
set(work ${BUILD_DIR}/install-test-${suffix})
file(REMOVE_RECURSE ${work})
set(prefix ${work}/prefix)
set(articles
  ${SOURCE_DIR}/examples/articles/dev/en-2024-08-28-stratavolt-hanbit-stake.md
  ${SOURCE_DIR}/examples/articles/dev/de-2024-11-06-hanbit-hbm-ausbau.md)

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f include/kgraph/kgraph.hpp include/kgraph/kgraph.h bin/kg ${LIB_DIR}/cmake/kgraph/kgraphConfig.cmake
          ${LIB_DIR}/pkgconfig/kgraph.pc)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# C++: find_package(kgraph) with nothing but the prefix to look in.
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/embed -B ${work}/build -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "-DCMAKE_CXX_FLAGS=${EXTRA_FLAGS}")
run(${CMAKE_COMMAND} --build ${work}/build)
run(${work}/build/embed --db ${work}/kg.db --dot ${work}/hanbit.dot ${articles})
message(STATUS "embed:\n${output}")
expect("${output}" "built 2 new")
expect("${output}" "Hanbit SUPPLIES Stratavolt")
file(READ ${work}/hanbit.dot dot)
expect("${dot}" "digraph")
expect("${dot}" "Stratavolt")

# C: the C test program compiled with pkg-config's flags only.
find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIB_DIR}/pkgconfig)
run(${PKG_CONFIG} --cflags --libs kgraph)
string(STRIP "${output}" pc_flags)
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
separate_arguments(extra UNIX_COMMAND "${EXTRA_FLAGS}")
run(cc -std=c11 ${extra} ${SOURCE_DIR}/tests/api/c_api_test.c ${pc_flags} -Wl,-rpath,${prefix}/${LIB_DIR}
    -o ${work}/c_api_test)
file(MAKE_DIRECTORY ${work}/c)
run(${work}/c_api_test ${work}/c)

# Python: the installed module, run by the Python it was built for.
if(PYTHON)
  run(${CMAKE_COMMAND} -E env PYTHONPATH=${prefix}/${PYTHON_DIR} PYTHONDONTWRITEBYTECODE=1 ${PYTHON_ENV}
      ${PYTHON} ${SOURCE_DIR}/examples/embed/embed.py --db ${work}/kg-py.db --dot ${work}/hanbit-py.dot ${articles})
  message(STATUS "embed.py:\n${output}")
  expect("${output}" "built 2 new")
  expect("${output}" "Hanbit SUPPLIES Stratavolt")
  file(READ ${work}/hanbit-py.dot dot)
  expect("${dot}" "Stratavolt")
  run(${CMAKE_COMMAND} -E env PYTHONPATH=${prefix}/${PYTHON_DIR} ${PYTHON_ENV}
      ${PYTHON} -c "import kgraph\nprint(kgraph.__file__)")
  expect("${output}" "${prefix}/")
endif()

file(REMOVE_RECURSE ${work})
