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
        return DuckDb.Rows($"select {columns} from read_parquet([{list}]) {tail}");
    }
}
