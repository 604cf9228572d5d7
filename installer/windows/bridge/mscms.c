/* Wine 8's mscms lacks WcsCreateIccProfile, which Qt6Gui imports. This replacement holds only the four
   functions Qt imports and says "no colour profile" to each: Qt then uses sRGB.
   Test prefix only: nothing of this ships. */
#include <windows.h>

HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD sharing, DWORD creation)
{
    (void)profile; (void)access; (void)sharing; (void)creation;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}

BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size)
{
    (void)profile; (void)buffer; (void)size;
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }

HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD options)
{
    (void)profile; (void)options;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
