# Writes the compiled catalog IN (a .mo) as a C++ byte array in the header OUT,
# named NAME in namespace inspectrack::catalog_data. Run by the build with cmake -P.
file(READ "${IN}" _hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n" _bytes "${_bytes}")
file(WRITE "${OUT}.tmp"
     "#pragma once\n// Generated from src/text/po/*.po by msgfmt and embed.cmake: do not edit.\n"
     "namespace inspectrack::catalog_data {\n"
     "inline constexpr unsigned char ${NAME}[] = {\n${_bytes}\n};\n}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
