# CPack: the Debian 12 package `duban` (cpack -G DEB in the build directory).
#
# Whatever prefix the build tree was configured with, the package installs under /usr
# (binaries in /usr/sbin and /usr/bin, the unit in /usr/lib/systemd/system, the config in
# /etc/duban): packaging/CMakeLists.txt computes its paths from the prefix at install time.
# The maintainer scripts are packaging/debian/{postinst,prerm,postrm}.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME duban)
set(CPACK_PACKAGE_VENDOR "duban")
set(CPACK_PACKAGE_CONTACT "duban maintainers <duban@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "tracks the tasks of a government plan and reminds the agencies that own them")
set(CPACK_PACKAGE_DESCRIPTION "duban (督办) is a daemon (duband) and its control client
(dubanctl) for a coordinating office that has to see a division-of-labour plan
through: it imports the plan's tasks and agencies, decides reminders, urges and
escalations on a working-day calendar, and sends them by email and webhook.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# /etc/duban/duban.toml is outside the prefix: install through DESTDIR so it lands in the
# package's ./etc, not on the building machine.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The binaries without their debugging information (a RelWithDebInfo build's are ~20 times
# larger); keep the build tree for debugging.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/duban")
# Library dependencies from dpkg-shlibdeps (libcurl, libssl, libsqlite3, libsystemd, ...);
# tzdata for [daemon] time_zone; systemd for systemd-sysusers and systemd-tmpfiles in
# postinst (and the unit).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "tzdata, systemd, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")

# Maintainer scripts and the conffile list. dpkg keeps an edited conffile on upgrade and
# asks before replacing it; it removes it only on purge.
set(duban_debian_dir ${CMAKE_CURRENT_SOURCE_DIR}/debian)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/conffiles "/etc/duban/duban.toml\n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${CMAKE_CURRENT_BINARY_DIR}/conffiles
  ${duban_debian_dir}/postinst ${duban_debian_dir}/prerm ${duban_debian_dir}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
