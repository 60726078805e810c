using DuckDB.NET.Data;
using SciCurate.Pipeline.Output;

namespace SciCurate.Pipeline.Tests.Pdf;

/// <summary>Reads an output's live shards back with DuckDB, an independent Parquet reader.</summary>
internal static class ParquetCheck
{
    /// <summary>Rows of <c>select {columns} from {table} {tail}</c> over the shards the manifest lists, as string arrays.</summary>
    public static List<object?[]> Query(string outDir, string table, string columns, string tail = "")
    {
        var store = new OutputStore(outDir);
        var files = store.Read().Shards.Where(s => s.Value.Table == table).Select(s => Path.Combine(store.Root, s.Key)).ToList();
        Assert.NotEmpty(files);
        var list = string.Join(", ", files.Select(f => $"'{f.Replace("'", "''", StringComparison.Ordinal)}'"));
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select {columns} from read_parquet([{list}]) {tail}";
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
