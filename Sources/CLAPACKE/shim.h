// The C interface to LAPACK (Debian's liblapacke), for the QR and SVD of the semantic space.
#include <lapacke.h>
