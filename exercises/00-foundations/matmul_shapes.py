"""The shape rules of matrix multiplication, `a @ b` (np.matmul).

matmul_shape(a_shape, b_shape) returns the shape of `a @ b` as a tuple of
ints, or raises ValueError when the shapes do not fit. Do it with the rules,
not by building arrays and multiplying them:

* (m, k) @ (k, n) -> (m, n); the inner sizes must agree;
* a 1-D first operand acts as a row (1, k), a 1-D second as a column (k, 1),
  and that added axis is dropped from the result: (k,) @ (k, n) -> (n,),
  (m, k) @ (k,) -> (m,), (k,) @ (k,) -> ();
* leading ("batch") axes broadcast: (b, m, k) @ (k, n) -> (b, m, n),
  (5, 1, m, k) @ (3, k, n) -> (5, 3, m, n); sizes that differ and are not 1 -> ValueError.

Run `dltutor check matmul_shapes` to test your implementation.
"""


def matmul_shape(a_shape: tuple, b_shape: tuple) -> tuple:
    """The shape of `a @ b` for arrays of these shapes; ValueError if they do not fit."""
    # TODO: 1) promote 1-D operands, 2) check the inner sizes, 3) broadcast the batch axes,
    #       4) drop the axes added in step 1.
    raise NotImplementedError
