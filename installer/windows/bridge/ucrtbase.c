/* Wine 8's ucrtbase has crealf and cimagf only as stubs that abort; numpy >= 2.2.2 calls them on import.
   This ucrtbase.dll implements the two and forwards every other export to ucrtwine.dll, a copy of Wine's
   own ucrtbase (the forwarders are generated into ucrtbase.def by build.sh).
   Test prefix only: nothing of this ships. */
typedef struct { float part[2]; } fcomplex; /* the ABI of the UCRT's _Fcomplex */

float crealf(fcomplex z) { return z.part[0]; }
float cimagf(fcomplex z) { return z.part[1]; }
