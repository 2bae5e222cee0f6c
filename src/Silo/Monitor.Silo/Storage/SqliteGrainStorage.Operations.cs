using Microsoft.Data.Sqlite;

namespace Monitor.Silo.Storage;

/// <summary>The operations grains queue for the writer thread of <see cref="SqliteGrainStorage"/>.</summary>
public sealed partial class SqliteGrainStorage
{
    /// <summary>
    /// One queued operation. <see cref="Execute"/> runs inside its group's transaction and keeps the operation's
    /// own outcome; the waiter hears it only after the transaction committed, or the group's failure.
    /// </summary>
    private abstract class Operation(string stateName, string key)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Exception? _refused;

        public string StateName { get; } = stateName;

        public string Key { get; } = key;

        public abstract string Verb { get; }

        /// <summary>Whether the operation may change the file (a group of reads only takes no write lock).</summary>
        public virtual bool Changes => true;

        public Task Done => _done.Task;

        /// <summary>Runs the statement; a <see cref="SqliteException"/> fails the whole group.</summary>
        public abstract void Execute(SqliteGrainStorage storage, Statements s, long nowMs);

        public void Complete()
        {
            if (_refused is null)
            {
                _done.TrySetResult();
            }
            else
            {
                _done.TrySetException(_refused);
            }
        }

        public void Fail(Exception exception) => _done.TrySetException(exception);

        /// <summary>This operation's own refusal (an ETag conflict): it changed nothing, so the group goes on.</summary>
        protected void Refuse(Exception exception) => _refused = exception;
    }

    private sealed class ReadOperation(string stateName, string key) : Operation(stateName, key)
    {
        public override string Verb => "read";

        public override bool Changes => false;

        public string? ETag { get; private set; }

        public byte[]? Payload { get; private set; }

        public override void Execute(SqliteGrainStorage storage, Statements s, long nowMs)
        {
            s.Bind(s.Select, StateName, Key);
            using var reader = s.Select.ExecuteReader();
            if (reader.Read())
            {
                ETag = reader.GetString(0);
                Payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
            }
        }
    }

    /// <summary>Replaces the row held at <paramref name="expected"/> (inserts it when null); a null payload keeps the row empty.</summary>
    private sealed class WriteOperation(string stateName, string key, string? expected, string next, byte[]? payload)
        : Operation(stateName, key)
    {
        public override string Verb => payload is null ? "clear" : "write";

        public string Next { get; } = next;

        public override void Execute(SqliteGrainStorage storage, Statements s, long nowMs)
        {
            var command = expected is null ? s.Insert : s.Update;
            s.Bind(command, StateName, Key);
            command.Parameters["$etag"].Value = Next;
            command.Parameters["$payload"].Value = payload is null ? DBNull.Value : payload;
            command.Parameters["$updated"].Value = nowMs;
            if (expected is not null)
            {
                command.Parameters["$expected"].Value = expected;
            }

            if (command.ExecuteNonQuery() == 0)
            {
                Refuse(storage.Conflict(Verb, StateName, Key, expected, StoredETag(s, StateName, Key)));
            }
        }
    }

    /// <summary>Deletes the row held at <paramref name="expected"/>; with nothing read, only a missing row is consistent.</summary>
    private sealed class DeleteOperation(string stateName, string key, string? expected) : Operation(stateName, key)
    {
        public override string Verb => "clear";

        public override void Execute(SqliteGrainStorage storage, Statements s, long nowMs)
        {
            bool ok;
            if (expected is null)
            {
                ok = StoredETag(s, StateName, Key) is null;
            }
            else
            {
                s.Bind(s.Delete, StateName, Key);
                s.Delete.Parameters["$expected"].Value = expected;
                ok = s.Delete.ExecuteNonQuery() == 1;
            }

            if (!ok)
            {
                Refuse(storage.Conflict(Verb, StateName, Key, expected, StoredETag(s, StateName, Key)));
            }
        }
    }

    /// <summary>Opening or closing the connection: it runs alone, between groups, outside any transaction.</summary>
    private sealed class ConnectionOperation(Action<SqliteGrainStorage> action) : Operation(string.Empty, string.Empty)
    {
        public override string Verb => "open or close";

        public void Run(SqliteGrainStorage storage)
        {
            action(storage);
            Complete();
        }

        public override void Execute(SqliteGrainStorage storage, Statements s, long nowMs) =>
            throw new InvalidOperationException("the connection is opened or closed outside a transaction");
    }
}
