using Microsoft.Data.Sqlite;

namespace Monitor.Silo.Storage;

/// <summary>
/// The writer thread of <see cref="SqliteGrainStorage"/>: it takes the queued operations in order, up to
/// <see cref="SqliteGrainStorageOptions.MaxGroupOperations"/> at a time, and runs them as one transaction.
/// </summary>
public sealed partial class SqliteGrainStorage
{
    private readonly object _queueGate = new();
    private readonly Queue<Operation> _queue = new();
    private Thread? _writer;
    private bool _stopping;
    private long _transactions;
    private long _operations;

    /// <summary>Operations queued and not yet taken by the writer.</summary>
    public int PendingOperations
    {
        get
        {
            lock (_queueGate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Transactions run so far, committed or not; fewer than <see cref="Operations"/> when grains' operations share them.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Reads, writes and clears run so far.</summary>
    public long Operations => Interlocked.Read(ref _operations);

    /// <summary>Runs what is queued, then checkpoints the WAL and closes the file; later operations are refused.</summary>
    public void Dispose()
    {
        Thread? writer;
        lock (_queueGate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            writer = _writer;
            System.Threading.Monitor.PulseAll(_queueGate);
        }

        writer?.Join();
        CloseConnection(checkpoint: true);
        _disposed = true;
    }

    private Task Enqueue(Operation operation)
    {
        lock (_queueGate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _queue.Enqueue(operation);
            if (_writer is null)
            {
                // A thread of its own: SQLite calls block, and they must not hold a grain's or the pool's thread.
                _writer = new Thread(Write) { IsBackground = true, Name = $"SQLite grain storage {_name}" };
                _writer.Start();
            }
            else if (_queue.Count == 1)
            {
                System.Threading.Monitor.Pulse(_queueGate);
            }
        }

        return operation.Done;
    }

    private void Write()
    {
        var group = new List<Operation>();
        while (true)
        {
            ConnectionOperation? alone = null;
            lock (_queueGate)
            {
                while (_queue.Count == 0)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    System.Threading.Monitor.Wait(_queueGate);
                }

                if (_queue.Peek() is ConnectionOperation connection)
                {
                    alone = connection;
                    _queue.Dequeue();
                }
                else
                {
                    while (group.Count < _options.MaxGroupOperations && _queue.TryPeek(out var next) && next is not ConnectionOperation)
                    {
                        group.Add(_queue.Dequeue());
                    }
                }
            }

            if (alone is not null)
            {
                RunAlone(alone);
            }
            else
            {
                RunGroup(group);
                group.Clear();
            }
        }
    }

    private void RunAlone(ConnectionOperation operation)
    {
        try
        {
            operation.Run(this);
        }
        catch (Exception ex)
        {
            operation.Fail(ex);
        }
    }

    private void RunGroup(List<Operation> group)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _operations, group.Count);
        SqliteTransaction? transaction = null;
        try
        {
            var s = EnsureOpen();
            transaction = s.Connection.BeginTransaction(deferred: !group.Exists(o => o.Changes));
            s.Enlist(transaction);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var operation in group)
            {
                operation.Execute(this, s, now);
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Whatever failed (a statement, the commit, opening the file), the group is one transaction: none of it
            // is stored, and every waiter hears so. Catching all keeps the writer alive for the next group.
            Abandon(transaction);
            Fail(group, ex);
            return;
        }
        finally
        {
            _statements?.Enlist(null);
            transaction?.Dispose();
        }

        foreach (var operation in group)
        {
            operation.Complete();
        }
    }

    private void Abandon(SqliteTransaction? transaction)
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            transaction.Rollback();
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
        {
            // SQLite may have rolled back already (a full disk, an I/O error); a connection in doubt is opened afresh.
            CloseConnection(checkpoint: false);
        }
    }

    private void Fail(List<Operation> group, Exception exception)
    {
        LogGroupFailed(exception, _name, group.Count);
        foreach (var operation in group)
        {
            operation.Fail(exception is ObjectDisposedException ? exception : new SqliteGrainStorageException(
                $"SQLite grain storage '{_name}' failed to {operation.Verb} state '{operation.StateName}' of grain {operation.Key}: " +
                $"{exception.Message} (its transaction, {group.Count} operations, stored none of them)", exception));
        }
    }
}
