using DuckDB.NET.Data;

// Usage: PageDump OUT_DIR PAGES.jsonl DOCUMENTS.jsonl
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: PageDump OUT_DIR PAGES.jsonl DOCUMENTS.jsonl");
    return 2;
}

using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
var pages = $"read_parquet('{Quote(Path.Combine(args[0], "pdf_pages", "*.parquet"))}', union_by_name = true)";
var documents = $"read_parquet('{Quote(Path.Combine(args[0], "pdf_documents", "*.parquet"))}', union_by_name = true)";
// Pages carry their document's source path, which is how the scorers match them to PDFs.
Copy($"select d.source_path, p.* from {pages} p join {documents} d using (doc_id)", args[1]);
Copy($"select * from {documents}", args[2]);
return 0;

void Copy(string select, string target)
{
    using var command = connection.CreateCommand();
    command.CommandText = $"copy ({select}) to '{Quote(target)}' (format json)";
    command.ExecuteNonQuery();
}

static string Quote(string path) => path.Replace("'", "''", StringComparison.Ordinal);
