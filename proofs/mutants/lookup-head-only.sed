# sp_lookup looks at the head of the chain only: a record further down
# is not found, so a del of its fd leaves it live (its events still
# handed out) and an add makes a second record for the fd.
# file: table.c
# proof: wp:sp_lookup
s/^\twhile (i < sp->capacity && steps < sp->capacity) {$/\twhile (i < sp->capacity \&\& steps < 1) {/
