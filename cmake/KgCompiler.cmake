# Compiler set-up shared by every module: ccache, warnings, sanitizers.

find_program(KG_CCACHE ccache)
if(KG_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER ${KG_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${KG_CCACHE})
endif()

# Warnings apply to our own targets only (third-party and generated code stay quiet).
add_library(kgraph_warnings INTERFACE)
target_compile_options(kgraph_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough
  # GCC 12 reports std::string appends as overlapping memcpy at -O2 (GCC bug 105329).
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  $<$<BOOL:${KG_WERROR}>:-Werror>)

if(KG_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# kg_module(NAME SOURCES... DEPENDS... PRIVATE_DEPENDS...): the static library
# kgraph_NAME. Its headers are named by module (`storage/store.hpp`) and are
# visible only to targets that link it: the include path holds a directory per
# module (build/modules/NAME/NAME -> NAME/), never the repository root, so an
# include against the dependency direction fails to compile. The public
# headers <kgraph/...> are vocabulary every module may use.
function(kg_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  add_library(kgraph_${name} STATIC ${ARG_SOURCES})
  set(root ${CMAKE_BINARY_DIR}/modules/${name})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${name} ${root}/${name} SYMBOLIC)
  target_include_directories(kgraph_${name} PUBLIC
    $<BUILD_INTERFACE:${root}>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)
  target_link_libraries(kgraph_${name} PUBLIC ${ARG_DEPENDS} PRIVATE kgraph_warnings ${ARG_PRIVATE_DEPENDS})
  set_target_properties(kgraph_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# kg_submodule(NAME PARENT SOURCES... DEPENDS... PRIVATE_DEPENDS...): the static
# library kgraph_PARENT_NAME built from PARENT/NAME/, a part of module PARENT
# that sees its parent's headers (`query/ast.hpp`) and builds and tests alone.
function(kg_submodule name parent)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS;PRIVATE_DEPENDS" ${ARGN})
  set(target kgraph_${parent}_${name})
  add_library(${target} STATIC ${ARG_SOURCES})
  set(root ${CMAKE_BINARY_DIR}/modules/${parent})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${parent} ${root}/${parent} SYMBOLIC)
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${root}>
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>)
  target_link_libraries(${target} PUBLIC ${ARG_DEPENDS} PRIVATE kgraph_warnings ${ARG_PRIVATE_DEPENDS})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
