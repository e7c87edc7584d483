# sp_lookup follows a chain without the step bound: a corrupt (cyclic)
# chain never ends.
# file: table.c
# proof: wp:sp_lookup
s/^\twhile (i < sp->capacity && steps < sp->capacity) {$/\twhile (i < sp->capacity) {/
