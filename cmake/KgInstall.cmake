# cmake --install: what a program that embeds kgraph needs (docs/api.md):
#   lib/libkgraph.so             the library (modules and third parties inside, the API exported)
#   include/kgraph/              kgraph.hpp, value.hpp, status.hpp, kgraph.h
#   bin/kg                       the command
#   lib/cmake/kgraph/            find_package(kgraph) -> kgraph::kgraph
#   lib/pkgconfig/kgraph.pc      pkg-config --cflags --libs kgraph
include(CMakePackageConfigHelpers)

install(TARGETS kgraph EXPORT kgraphTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/kgraph DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(TARGETS kg RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(KG_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kgraph)
install(EXPORT kgraphTargets NAMESPACE kgraph:: DESTINATION ${KG_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/kgraphConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/kgraphConfig.cmake INSTALL_DESTINATION ${KG_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/kgraphConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kgraphConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/kgraphConfigVersion.cmake
  DESTINATION ${KG_CMAKE_DIR})

# The prefix relative to the .pc file, so that `cmake --install --prefix DIR` works too.
file(RELATIVE_PATH KG_PC_TO_PREFIX /p/${CMAKE_INSTALL_LIBDIR}/pkgconfig /p)
configure_file(${CMAKE_CURRENT_LIST_DIR}/kgraph.pc.in ${CMAKE_CURRENT_BINARY_DIR}/kgraph.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kgraph.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
