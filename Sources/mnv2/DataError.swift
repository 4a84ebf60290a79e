/// Bad data in an input file (exit 65, EX_DATAERR), as opposed to a bad flag (exit 64).
struct DataError: Error {
  var message: String
}
