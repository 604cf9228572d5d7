/* Windows 10 1809+ ships ICU as icuuc.dll; Wine 8 does not. Qt6Core imports its converter functions
   (ucnv_*) and falls back to its own codecs when ucnv_open fails, which is all these stubs do.
   Test prefix only: nothing of this ships. */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

int ucnv_countAvailable(void) { return 0; }
const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }

/* Never reached once ucnv_open has failed; each returns "nothing" to keep Qt safe if it is. */
static void *nothing(void) { return NULL; }
void *UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) { return nothing(); }
void *UCNV_TO_U_CALLBACK_SUBSTITUTE(void) { return nothing(); }
void *ucnv_cbFromUWriteUChars(void) { return nothing(); }
void *ucnv_cbToUWriteUChars(void) { return nothing(); }
void *ucnv_close(void) { return nothing(); }
void *ucnv_fromUCountPending(void) { return nothing(); }
void *ucnv_fromUnicode(void) { return nothing(); }
void *ucnv_getFromUCallBack(void) { return nothing(); }
void *ucnv_getMaxCharSize(void) { return nothing(); }
void *ucnv_getName(void) { return nothing(); }
void *ucnv_getStandardName(void) { return nothing(); }
void *ucnv_getToUCallBack(void) { return nothing(); }
void *ucnv_reset(void) { return nothing(); }
void *ucnv_setFromUCallBack(void) { return nothing(); }
void *ucnv_setToUCallBack(void) { return nothing(); }
void *ucnv_toUCountPending(void) { return nothing(); }
void *ucnv_toUnicode(void) { return nothing(); }
