using System.Globalization;
using System.Text;

namespace Atss.Cli.Stats;

/// <summary>
/// A plain-text table: a header row, a rule, then rows; text columns left-aligned, number columns right-aligned.
/// Cells are formatted by the caller; <see cref="Number(double, int)"/> and friends use the invariant culture.
/// </summary>
internal sealed class TablePrinter
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <param name="columns">Header text of each column; a leading '>' right-aligns the column (it is not printed).</param>
    public TablePrinter(params string[] columns)
    {
        _headers = new string[columns.Length];
        _rightAligned = new bool[columns.Length];
        for (int c = 0; c < columns.Length; c++)
        {
            _rightAligned[c] = columns[c].StartsWith('>');
            _headers[c] = _rightAligned[c] ? columns[c][1..] : columns[c];
        }
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(double value, int decimals)
        => double.IsNaN(value) ? "-" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => double.IsNaN(fraction) ? "-" : Number(fraction * 100, 1) + "%";

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"has {cells.Length} cells; the table has {_headers.Length} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <param name="writer">Destination.</param>
    /// <param name="indent">Written before every line.</param>
    /// <param name="header">Whether to write the header row and its rule (false for key/value lists).</param>
    public void Write(TextWriter writer, string indent = "  ", bool header = true)
    {
        var widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = _headers[c].Length;
            foreach (string[] row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        if (header)
        {
            WriteRow(writer, indent, _headers, widths);
            var rule = new string[widths.Length];
            for (int c = 0; c < widths.Length; c++)
            {
                rule[c] = new string('-', widths[c]);
            }

            WriteRow(writer, indent, rule, widths);
        }

        foreach (string[] row in _rows)
        {
            WriteRow(writer, indent, row, widths);
        }
    }

    private void WriteRow(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var line = new StringBuilder(indent);
        for (int c = 0; c < cells.Length; c++)
        {
            line.Append(c == 0 ? "" : "  ");
            line.Append(_rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
