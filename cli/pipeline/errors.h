// The errors a command can end with, as types, so main() maps each to its exit code in one place:
// - UsageError: the command line or the config asks for something impossible (exit 2), found before any input is read;
// - InputError: an input file is missing or malformed; the location (path, row, column) is kept as fields and the
//   message is built from them (exit 1);
// - StageError: a stage failed while running; the message starts with the stage's name (exit 1).
// Anything else escaping a command is an environment failure (exit 1).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace hotspot::cli {

class UsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class InputError : public std::runtime_error {
 public:
  InputError(std::string path, int64_t row, std::string column, const std::string& what)
      : std::runtime_error(build(path, row, column, what)), path_(std::move(path)), row_(row), column_(std::move(column)) {}
  const std::string& path() const { return path_; }
  int64_t row() const { return row_; }  // 0 = the whole file
  const std::string& column() const { return column_; }

 private:
  static std::string build(const std::string& path, int64_t row, const std::string& column, const std::string& what) {
    std::string where = path;
    if (row > 0) where += ": row " + std::to_string(row);
    if (!column.empty()) where += (row > 0 ? ", column " : ": column ") + column;
    return where + ": " + what;
  }
  std::string path_;
  int64_t row_;
  std::string column_;
};

class StageError : public std::runtime_error {
 public:
  StageError(std::string stage, const std::string& what) : std::runtime_error(stage + ": " + what), stage_(std::move(stage)) {}
  const std::string& stage() const { return stage_; }

 private:
  std::string stage_;
};

}  // namespace hotspot::cli
