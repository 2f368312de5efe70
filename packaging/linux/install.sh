#!/bin/sh
# Install the Review Labeler bundle for the current user; root is not needed.
#
#   ./install.sh [--prefix DIR] [--bundle DIR] [--no-self-test]
#   ./install.sh --uninstall [--prefix DIR]
#
# Copies the bundle to PREFIX/opt/review-labeler, links PREFIX/bin/review-labeler to its
# executable, writes the desktop entry to PREFIX/share/applications and the icons to
# PREFIX/share/icons/hicolor/<size>/apps, then runs the installed executable's --self-test.
# PREFIX defaults to ~/.local, whose share/ folder every freedesktop desktop reads.
# The bundle defaults to the folder of this script when it contains the executable (the copy that
# build_bundle.sh puts into the bundle), else packaging/dist/review-labeler of the repository.
set -eu

app=review-labeler
script_dir=$(cd "$(dirname "$0")" && pwd)
prefix=$HOME/.local
bundle=""
self_test=1
uninstall=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --bundle) bundle=$2; shift 2 ;;
        --no-self-test) self_test=0; shift ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
target=$prefix/opt/$app
applications=$prefix/share/applications
icons=$prefix/share/icons/hicolor

refresh_caches() {
    # Desktops also notice the new files without these caches, only later; failures do no harm.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$icons" 2>/dev/null || true
    fi
}

if [ "$uninstall" = 1 ]; then
    rm -rf "$target"
    if [ -L "$prefix/bin/$app" ]; then
        rm -f "$prefix/bin/$app"
    fi
    rm -f "$applications/$app.desktop"
    rm -f "$icons"/*/apps/"$app".png "$icons"/scalable/apps/"$app".svg
    refresh_caches
    echo "Removed Review Labeler from $prefix"
    exit 0
fi

if [ -z "$bundle" ]; then
    if [ -x "$script_dir/$app" ] && [ -d "$script_dir/_internal" ]; then
        bundle=$script_dir
    else
        bundle=$script_dir/../dist/$app
    fi
fi
if [ ! -x "$bundle/$app" ]; then
    echo "install.sh: no bundle at $bundle (expected the executable $bundle/$app); build it with packaging/build_bundle.sh" >&2
    exit 1
fi
bundle=$(cd "$bundle" && pwd)
if [ ! -d "$bundle/share/icons/hicolor" ]; then
    echo "install.sh: icons missing at $bundle/share/icons/hicolor; rebuild the bundle with packaging/build_bundle.sh" >&2
    exit 1
fi

# 1. The bundle, copied next to the old one first so that a failed copy leaves the old one intact.
if [ "$bundle" != "$target" ]; then
    mkdir -p "$prefix/opt"
    rm -rf "$target.new"
    cp -R "$bundle" "$target.new"
    rm -rf "$target"
    mv "$target.new" "$target"
fi
mkdir -p "$prefix/bin"
ln -sfn "$target/$app" "$prefix/bin/$app"

# 2. Icons, one file per size.
for source in "$target"/share/icons/hicolor/*/apps/"$app".*; do
    size_dir=$(basename "$(dirname "$(dirname "$source")")")
    mkdir -p "$icons/$size_dir/apps"
    cp "$source" "$icons/$size_dir/apps/"
done

# 3. The desktop entry, pointing at the installed executable. Desktops find Icon=review-labeler
# only in their data folders; under any other prefix the entry names the icon file itself.
icon=$app
if [ "$prefix/share" != "${XDG_DATA_HOME:-$HOME/.local/share}" ]; then
    icon=$icons/scalable/apps/$app.svg
fi
mkdir -p "$applications"
sed -e "s|^Exec=.*|Exec=\"$target/$app\" %f|" \
    -e "s|^Icon=.*|Icon=$icon|" \
    -e "/^Exec=/a TryExec=$target/$app" \
    "$target/share/applications/$app.desktop" > "$applications/$app.desktop.tmp"
mv "$applications/$app.desktop.tmp" "$applications/$app.desktop"
refresh_caches

echo "Installed Review Labeler:"
echo "  program:       $target/$app (linked from $prefix/bin/$app)"
echo "  desktop entry: $applications/$app.desktop"
echo "  icons:         $icons/<size>/apps/$app.png"

# 4. Prove that the installed copy works.
if [ "$self_test" = 1 ]; then
    echo "Running the self-test of the installed copy..."
    "$target/$app" --self-test
fi
