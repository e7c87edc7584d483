/* For a caller whose process holds descriptors the model was not told of
 * (a fuzzer's own files): model.h assumes only 0, 1 and 2 are taken. */
#ifndef SAFEPOLL_MODEL_RESERVE_H
#define SAFEPOLL_MODEL_RESERVE_H

#include "model.h"

/* Marks number fd as held by a file the model does not otherwise know, as
 * it does 0, 1 and 2, so that new descriptors skip it.  Returns 0 (also
 * when fd is already taken), or -EBADF for a number outside the table. */
int model_reserve(struct model *m, int fd);

#endif
