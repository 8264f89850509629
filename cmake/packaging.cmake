# Installation and the Debian package: the three programs, a man page for each (made from the
# real --help by cmake/man-page.sh and help2man), the example profiles, baselines and seed under
# share/oauth-conformance-kit/fixtures/ (schemas in .../docs/schema/), the docs, and CPack's DEB
# generator with Depends computed by dpkg-shlibdeps. ci/package builds the .deb;
# tests/package/installed_package.sh tests it installed.

include(GNUInstallDirs)

set(OCK_PACKAGE_NAME oauth-conformance-kit)
set(OCK_SHARE_DIR ${CMAKE_INSTALL_DATADIR}/${OCK_PACKAGE_NAME})
set(OCK_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/${OCK_PACKAGE_NAME})

# What each program's man page says under NAME.
set(OCK_MAN_NAME_oauth-conformance "grade an OAuth 2.0 server against the conformance catalog")
set(OCK_MAN_NAME_oauth-refserver "the reference OAuth 2.0 provider of the OAuth Conformance Kit")
set(OCK_MAN_NAME_oauth-client "a teaching OAuth 2.0 client")

set(ock_programs)
foreach(part IN LISTS OCK_PARTS)
  if(part STREQUAL "reference-server")
    list(APPEND ock_programs oauth-refserver)
  elseif(part STREQUAL "conformance")
    list(APPEND ock_programs oauth-conformance)
  elseif(part STREQUAL "client")
    list(APPEND ock_programs oauth-client)
  endif()
endforeach()

install(TARGETS ${ock_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

find_program(OCK_HELP2MAN help2man)
if(OCK_HELP2MAN)
  set(pages)
  foreach(prog IN LISTS ock_programs)
    set(page ${CMAKE_BINARY_DIR}/man/${prog}.1.gz)
    add_custom_command(
      OUTPUT ${page}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
      COMMAND bash ${CMAKE_SOURCE_DIR}/cmake/man-page.sh $<TARGET_FILE:${prog}>
              "${OCK_MAN_NAME_${prog}}" ${page}
      DEPENDS ${prog} ${CMAKE_SOURCE_DIR}/cmake/man-page.sh
      COMMENT "Man page of ${prog} from its --help"
      VERBATIM)
    list(APPEND pages ${page})
  endforeach()
  add_custom_target(ock_man_pages ALL DEPENDS ${pages})
  install(FILES ${pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man pages; installing or packaging will fail "
                 "(ci/install-deps installs it)")
  install(CODE "message(FATAL_ERROR \"help2man was not found when configuring: no man pages to install (run ci/install-deps, then configure again)\")")
endif()

install(DIRECTORY ${CMAKE_SOURCE_DIR}/fixtures/targets ${CMAKE_SOURCE_DIR}/fixtures/baselines
                  ${CMAKE_SOURCE_DIR}/fixtures/seed
        DESTINATION ${OCK_SHARE_DIR}/fixtures
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
# The schemas keep their place relative to the fixtures, whose "$schema" points at
# ../../docs/schema/, as in the repository.
if(EXISTS ${CMAKE_SOURCE_DIR}/docs/schema)
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/schema DESTINATION ${OCK_SHARE_DIR}/docs
          FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endif()
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/profile.md
              ${CMAKE_SOURCE_DIR}/docs/catalog.md ${CMAKE_SOURCE_DIR}/cmake/debian/copyright
        DESTINATION ${OCK_DOC_DIR})

# The Debian changelog lintian asks for, compressed as Debian policy wants it.
set(ock_changelog ${CMAKE_BINARY_DIR}/debian/changelog.gz)
add_custom_command(
  OUTPUT ${ock_changelog}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/debian
  COMMAND sh -c "sed -e 's/@VERSION@/${PROJECT_VERSION}/' '${CMAKE_SOURCE_DIR}/cmake/debian/changelog.in' | gzip -9n > '${ock_changelog}'"
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/debian/changelog.in
  VERBATIM)
add_custom_target(ock_debian_changelog ALL DEPENDS ${ock_changelog})
install(FILES ${ock_changelog} DESTINATION ${OCK_DOC_DIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ${OCK_PACKAGE_NAME})
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "OAuth Conformance Kit")
set(CPACK_PACKAGE_CONTACT "OAuth Conformance Kit maintainers <maintainers@oauth-conformance-kit.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "OAuth 2.0 conformance runner, reference server and teaching client")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "oauth-conformance drives an OAuth 2.0 server over HTTP(S), grades every\n\
case against the RFC sentence it rests on (PASS, FAIL, WARN, SKIP, ERROR)\n\
and writes JSON, JUnit XML, Markdown and HTML reports. oauth-refserver is a\n\
small reference provider that passes every case; oauth-client teaches the\n\
flows step by step. Example target profiles and baselines are installed in\n\
/usr/share/oauth-conformance-kit/fixtures/.")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
include(CPack)
