package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the directory entries from and to in one atomic step
// (renameat2 with RENAME_EXCHANGE, Linux 3.15 and later): there is no
// moment when to is missing. It returns errNoExchange where the kernel or
// file system cannot, and an fs.ErrNotExist error when to is missing.
func exchange(from, to string) error {
	err := unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: from, New: to, Err: err}
	}
	return nil
}
