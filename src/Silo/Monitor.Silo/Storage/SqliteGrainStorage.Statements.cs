using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Monitor.Silo.Storage;

public sealed partial class SqliteGrainStorage
{
    /// <summary>Prepared statements of one connection; used only by the writer thread.</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection)
        {
            Connection = connection;
            Select = Prepare(connection, $"SELECT etag, payload FROM {Table} WHERE state_name = $state AND grain_id = $grain;");
            SelectETag = Prepare(connection, $"SELECT etag FROM {Table} WHERE state_name = $state AND grain_id = $grain;");
            Insert = Prepare(connection,
                $"INSERT INTO {Table} (state_name, grain_id, etag, payload, updated_ms) VALUES ($state, $grain, $etag, $payload, $updated) " +
                "ON CONFLICT (state_name, grain_id) DO NOTHING;",
                "$etag", "$payload", "$updated");
            Update = Prepare(connection,
                $"UPDATE {Table} SET etag = $etag, payload = $payload, updated_ms = $updated " +
                "WHERE state_name = $state AND grain_id = $grain AND etag = $expected;",
                "$etag", "$payload", "$updated", "$expected");
            Delete = Prepare(connection,
                $"DELETE FROM {Table} WHERE state_name = $state AND grain_id = $grain AND etag = $expected;",
                "$expected");
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand Select { get; }
        public SqliteCommand SelectETag { get; }
        public SqliteCommand Insert { get; }
        public SqliteCommand Update { get; }
        public SqliteCommand Delete { get; }

        public void Bind(SqliteCommand command, string stateName, string grainId)
        {
            command.Parameters["$state"].Value = stateName;
            command.Parameters["$grain"].Value = grainId;
        }

        /// <summary>Runs the statements in <paramref name="transaction"/> (the provider requires each command to name it).</summary>
        public void Enlist(SqliteTransaction? transaction)
        {
            Select.Transaction = transaction;
            SelectETag.Transaction = transaction;
            Insert.Transaction = transaction;
            Update.Transaction = transaction;
            Delete.Transaction = transaction;
        }

        public void Dispose()
        {
            Select.Dispose();
            SelectETag.Dispose();
            Insert.Dispose();
            Update.Dispose();
            Delete.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add("$state", SqliteType.Text);
            command.Parameters.Add("$grain", SqliteType.Text);
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter, parameter == "$payload" ? SqliteType.Blob : parameter == "$updated" ? SqliteType.Integer : SqliteType.Text);
            }

            command.Prepare();
            return command;
        }
    }
}
