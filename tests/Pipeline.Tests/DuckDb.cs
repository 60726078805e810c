using DuckDB.NET.Data;

namespace SciCurate.Pipeline.Tests;

/// <summary>Reads the pipeline's Parquet output back with DuckDB, as a user would.</summary>
public static class DuckDb
{
    public static T Scalar<T>(string sql)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<object?[]> Rows(string sql)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
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

    /// <summary>A read_parquet(...) over one table of an output folder.</summary>
    public static string Table(string outDir, string table) => $"read_parquet('{Path.Combine(outDir, table)}/*.parquet')";
}
