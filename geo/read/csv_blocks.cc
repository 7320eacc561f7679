#include "geo/read/csv_blocks.h"

#include <algorithm>
#include <cstring>

#include "engine/core/parallel_for.h"

namespace hotspot {

namespace {

constexpr size_t kMinChunkBytes = 1 << 16;  // smaller blocks are not worth cutting

// The rows of text[begin, end) parsed as if a record started at `begin` on line 0.
struct ChunkParse {
  std::vector<CsvRow> rows;
  size_t consumed = 0;  // where the last whole row ended
  int64_t lines = 0;    // physical lines up to there
};

CsvRow selected_row(const CsvTextRecord& rec, const CsvRowSelection& sel) {
  CsvRow row;
  row.begin = rec.begin;
  row.line = rec.line;
  row.error = rec.error;
  row.field_count = rec.field_count;
  row.latin1_repaired = rec.latin1_repaired;
  if (row.malformed(sel.header_fields)) {
    if (sel.malformed == CsvRowSelection::Malformed::as_read)
      row.fields.assign(rec.fields.begin(), rec.fields.begin() + static_cast<std::ptrdiff_t>(rec.field_count));
    return row;
  }
  row.fields.reserve(sel.columns.size());
  for (const int c : sel.columns)
    row.fields.emplace_back(c >= 0 && static_cast<size_t>(c) < rec.field_count ? rec.fields[static_cast<size_t>(c)] : std::string());
  return row;
}

ChunkParse parse_chunk(std::string_view text, size_t begin, size_t end, TextEnd text_end, const CsvBlockFormat& f,
                       const CsvRowSelection& sel) {
  ChunkParse out;
  CsvTextRecord rec;
  const std::string_view view = text.substr(0, end);
  size_t pos = begin;
  int64_t line = 0;
  while (parse_csv_record(view, pos, line, text_end, f.delimiter, f.max_record_bytes, rec) == CsvParse::record)
    if (!rec.blank()) out.rows.push_back(selected_row(rec, sel));
  out.consumed = pos;
  out.lines = line;
  return out;
}

// Where the chunks start: 0, then after the first line end past each equal share of the text.
std::vector<size_t> chunk_starts(std::string_view text, int threads) {
  const size_t wanted = std::min(static_cast<size_t>(resolve_threads(threads)), std::max<size_t>(1, text.size() / kMinChunkBytes));
  std::vector<size_t> starts = {0};
  for (size_t k = 1; k < wanted; ++k) {
    const size_t target = std::max(starts.back(), text.size() / wanted * k);
    const void* nl = std::memchr(text.data() + target, '\n', text.size() - target);
    if (!nl) break;
    const size_t cut = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    if (cut >= text.size()) break;
    if (cut > starts.back()) starts.push_back(cut);
  }
  return starts;
}

// Moves a chunk's rows into the block, their lines counted from `shift`.
void append_rows(ChunkParse& chunk, int64_t shift, CsvBlock& block) {
  for (CsvRow& r : chunk.rows) {
    r.line += shift;
    if (r.error.kind != CsvRecordError::Kind::none) r.error.line += shift;
    block.rows.push_back(std::move(r));
  }
}

}  // namespace

CsvBlock parse_csv_block(std::string_view text, TextEnd end, int64_t first_line, const CsvBlockFormat& format,
                         const CsvRowSelection& selection, int threads) {
  const std::vector<size_t> starts = chunk_starts(text, threads);
  const size_t n = starts.size();
  std::vector<ChunkParse> chunks(n);
  parallel_for(n, ParallelFor(threads, 1), [&](const ChunkRange& c) {
    for (size_t k = c.begin; k < c.end; ++k) {
      const bool last = k + 1 == n;
      chunks[k] = parse_chunk(text, starts[k], last ? text.size() : starts[k + 1], last ? end : TextEnd::more_follows,
                              format, selection);
    }
  });
  CsvBlock block;
  size_t rows = 0;
  for (const ChunkParse& c : chunks) rows += c.rows.size();
  block.rows.reserve(rows);
  int64_t shift = first_line;
  for (size_t k = 0; k < n; ++k) {
    append_rows(chunks[k], shift, block);
    shift += chunks[k].lines;
    block.consumed = chunks[k].consumed;
    if (k + 1 < n && chunks[k].consumed != starts[k + 1]) {
      // The cut fell inside a record: the rest is parsed serially from where this chunk's last whole row ended.
      ChunkParse rest = parse_chunk(text, chunks[k].consumed, text.size(), end, format, selection);
      append_rows(rest, shift, block);
      shift += rest.lines;
      block.consumed = rest.consumed;
      break;
    }
  }
  block.end_line = shift;
  return block;
}

}  // namespace hotspot
