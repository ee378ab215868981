#ifndef PLANSITE_CCMARK_SHIM_H
#define PLANSITE_CCMARK_SHIM_H
#include <cmark.h>
#endif
