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

    public static List<object?[]> Rows(string sql) => Read(sql, (reader, values) => values);

    /// <summary>Rows as column name → value.</summary>
    public static List<Dictionary<string, object?>> Records(string sql) => Read(sql, (reader, values) =>
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            record[reader.GetName(i)] = values[i];
        }

        return record;
    });

    private static List<T> Read<T>(string sql, Func<System.Data.Common.DbDataReader, object?[], T> make)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(make(reader, values));
        }

        return rows;
    }

    /// <summary>A read_parquet(...) over one table of an output folder.</summary>
    public static string Table(string outDir, string table) => $"read_parquet('{Path.Combine(outDir, table)}/*.parquet')";
}
