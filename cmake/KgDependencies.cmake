# Third-party libraries, all from Debian packages listed in scripts/install-deps.sh.
find_package(Threads REQUIRED)
find_package(RocksDB CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(Boost 1.74 REQUIRED)  # header-only parts: Boost.Graph (graph/ only)
# RE2 (query/expr: `=~`): Debian's libre2-dev ships a pkg-config file, no CMake config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
