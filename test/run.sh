#!/bin/sh
# The project's one test command (`npm test`, see README). On a fresh machine it installs what the
# tests need — Debian's chromium for the browser tests, the locked npm packages — then type-checks,
# builds, and runs the suite. GOVPORTAL_TEST_DIALECTS=all adds PostgreSQL and MariaDB (CI does).
set -eu
cd "$(dirname "$0")/.."

# System packages the tests need, gathered first and said before anything is installed.
need=""
why=""
if [ "${GOVPORTAL_TEST_BROWSER:-on}" != off ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  need="$need chromium fonts-wqy-microhei"
  why="$why\n  chromium, fonts-wqy-microhei — 浏览器测试（playwright-core 驱动 Debian 的 chromium；中文字体用于截图与 PDF）"
elif [ "${GOVPORTAL_TEST_BROWSER:-on}" != off ] && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
  need="$need fonts-wqy-microhei"
  why="$why\n  fonts-wqy-microhei — 截图与 PDF 中的中文"
fi
# The e-mail intake tests read a real mailbox: Debian's Dovecot, started by the tests themselves.
if [ ! -x "${DOVECOT_PATH:-/usr/sbin/dovecot}" ]; then
  need="$need dovecot-imapd"
  why="$why\n  dovecot-imapd — 邮件报送测试读取真实的 IMAP 邮箱（测试自行启动，不作为系统服务使用）"
fi
# The deployment test runs the shipped nginx configuration with Debian's nginx (started by the test itself).
if [ ! -x "${NGINX:-/usr/sbin/nginx}" ]; then
  need="$need nginx"
  why="$why\n  nginx — 部署测试用真实的 nginx 运行 deploy/nginx/govportal.conf（测试自行启动，不作为系统服务使用）"
fi
if [ -n "$need" ]; then
  printf '[govportal] 测试需要以下 Debian 软件包，将用 apt-get 安装（需要 root 或 sudo）：%b\n' "$why"
  if [ "$(id -u)" = 0 ]; then
    as_root() { "$@"; }
  elif command -v sudo >/dev/null 2>&1; then
    as_root() { sudo "$@"; }
  else
    echo "[govportal] 当前用户不是 root 且没有 sudo：请以 root 运行 apt-get install$need，或设置 GOVPORTAL_TEST_BROWSER=off 跳过浏览器测试" >&2
    exit 1
  fi
  as_root apt-get update -qq
  # shellcheck disable=SC2086 # the list is meant to split into words
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi

# MariaDB's site search runs on Mroonga where the server has it (docs/search.md): Debian's plugin built
# for the running server's exact version, loaded into it. Without it the search tests run on InnoDB
# FULLTEXT and the Mroonga tests are skipped (GOVPORTAL_TEST_MROONGA=off), with a warning.
case "${GOVPORTAL_TEST_DIALECTS:-}" in
  *all* | *mysql*)
    mysql_cli() { mariadb -uroot -h127.0.0.1 -P3306 -N -e "$1" 2>/dev/null; }
    mroonga_on() { [ "$(mysql_cli "select count(*) from information_schema.engines where engine = 'Mroonga' and support in ('YES','DEFAULT')")" = 1 ]; }
    if ! mroonga_on; then
      plugin_dir=$(mysql_cli "select @@plugin_dir" || true)
      server=$(dpkg-query -W -f='${Version}' mariadb-server 2>/dev/null || true)
      if [ -n "$server" ] && [ ! -f "${plugin_dir:-/usr/lib/mysql/plugin/}ha_mroonga.so" ] && [ "$(id -u)" = 0 ]; then
        echo "[govportal] 测试需要 MariaDB 的 Mroonga 全文检索引擎：apt-get install mariadb-plugin-mroonga=$server"
        apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "mariadb-plugin-mroonga=$server" >/dev/null 2>&1 || true
      fi
      mysql_cli "INSTALL SONAME 'ha_mroonga'" >/dev/null || true
    fi
    if ! mroonga_on; then
      echo "[govportal] 警告：MariaDB 未能加载 Mroonga，站内搜索测试使用 InnoDB FULLTEXT，Mroonga 测试跳过" >&2
      export GOVPORTAL_TEST_MROONGA=off
    fi
    ;;
esac

# npm ci when node_modules does not match the lock file (it also builds, through `prepare`). `npm install`
# and `npm ci` stamp node_modules with the lock file's hash (`postinstall`), so a test right after an
# install does not install again.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.govportal-lock ] || [ "$(cat node_modules/.govportal-lock)" != "$lock_hash" ]; then
  echo "[govportal] npm ci …"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.govportal-lock
else
  npm run build
fi

npx biome check --no-errors-on-unmatched .   # lint and format (biome.json); `npm run format` fixes the format
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p admin/tsconfig.json
# Two runs: the server-side files several at a time, then the browser tests one at a time (each keeps
# both cores busy itself; see vitest.config.ts). A path given to `npm test` may match only one of them.
GOVPORTAL_TEST_PART=servers npx vitest run --passWithNoTests "$@"
if [ "${GOVPORTAL_TEST_BROWSER:-on}" != off ]; then
  GOVPORTAL_TEST_PART=browser npx vitest run --passWithNoTests "$@"
fi
