// The C interface to BLAS: OpenBLAS through Debian's libblas alternative, or the reference BLAS.
#include <cblas.h>
