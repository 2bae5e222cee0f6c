using System.Buffers;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// A tolerant, iterative byte scanner that finds where JSON values end by tracking strings, escapes
/// and bracket depth only. It does not validate, so a record with a bad token, invalid UTF-8 or a
/// NaN still has its boundaries found and can be refused alone. No recursion: any depth is safe.
/// </summary>
internal static class JsonScanner
{
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static int SkipWhitespace(ReadOnlySpan<byte> body, int pos)
    {
        while (pos < body.Length && IsWhitespace(body[pos]))
        {
            pos++;
        }

        return pos;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span)
    {
        var start = 0;
        while (start < span.Length && IsWhitespace(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && IsWhitespace(span[end - 1]))
        {
            end--;
        }

        return span[start..end];
    }

    /// <summary>Position just after the value that opens at <paramref name="start"/> (a '{' or '['), or -1 if the body ends first.</summary>
    public static int FindValueEnd(ReadOnlySpan<byte> body, int start)
    {
        var brackets = new BracketStack();
        try
        {
            var inString = false;
            for (var i = start; i < body.Length; i++)
            {
                var b = body[i];
                if (inString)
                {
                    if (b == '\\')
                    {
                        i++;
                    }
                    else if (b == '"')
                    {
                        inString = false;
                    }
                }
                else if (b == '"')
                {
                    inString = true;
                }
                else if (b is (byte)'{' or (byte)'[')
                {
                    brackets.Push(b);
                }
                else if (b is (byte)'}' or (byte)']' && brackets.Close(b) && brackets.Depth == 0)
                {
                    return i + 1;
                }
            }

            return -1;
        }
        finally
        {
            brackets.Dispose();
        }
    }

    /// <summary>
    /// Scans one array element from <paramref name="start"/> up to the ',' or ']' that ends it at the
    /// array's own level. <paramref name="end"/> is the terminator's position (or the body's length).
    /// </summary>
    public static ElementEnd ScanElement(ReadOnlySpan<byte> body, int start, out int end)
    {
        var brackets = new BracketStack();
        try
        {
            var inString = false;
            for (var i = start; i < body.Length; i++)
            {
                var b = body[i];
                if (inString)
                {
                    if (b == '\\')
                    {
                        i++;
                    }
                    else if (b == '"')
                    {
                        inString = false;
                    }

                    continue;
                }

                switch (b)
                {
                    case (byte)'"':
                        inString = true;
                        break;
                    case (byte)'{' or (byte)'[':
                        brackets.Push(b);
                        break;
                    case (byte)'}':
                        brackets.Close(b);
                        break;
                    case (byte)']':
                        if (brackets.Depth == 0)
                        {
                            end = i;
                            return ElementEnd.ArrayEnd;
                        }

                        brackets.Close(b);
                        break;
                    case (byte)',':
                        if (brackets.Depth == 0)
                        {
                            end = i;
                            return ElementEnd.Comma;
                        }

                        break;
                }
            }

            end = body.Length;
            return brackets.Depth == 0 && !inString ? ElementEnd.EndOfBody : ElementEnd.Truncated;
        }
        finally
        {
            brackets.Dispose();
        }
    }

    /// <summary>
    /// Open brackets, so that a mismatched closer ("[1, 2}") resynchronises on its own kind instead
    /// of swallowing the records that follow. A closer with no opener of its kind is ignored.
    /// </summary>
    private struct BracketStack : IDisposable
    {
        private byte[]? _stack;
        private int _openObjects;
        private int _openArrays;

        public int Depth { get; private set; }

        public void Push(byte opener)
        {
            _stack ??= ArrayPool<byte>.Shared.Rent(256);
            if (Depth == _stack.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Depth * 2);
                _stack.AsSpan().CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_stack);
                _stack = larger;
            }

            _stack[Depth++] = opener;
            if (opener == '{')
            {
                _openObjects++;
            }
            else
            {
                _openArrays++;
            }
        }

        /// <summary>Pops up to and including the nearest opener of the closer's kind; false when there is none.</summary>
        public bool Close(byte closer)
        {
            var opener = closer == '}' ? (byte)'{' : (byte)'[';
            if ((opener == '{' ? _openObjects : _openArrays) == 0)
            {
                return false;
            }

            while (true)
            {
                var popped = _stack![--Depth];
                if (popped == '{')
                {
                    _openObjects--;
                }
                else
                {
                    _openArrays--;
                }

                if (popped == opener)
                {
                    return true;
                }
            }
        }

        public void Dispose()
        {
            if (_stack is not null)
            {
                ArrayPool<byte>.Shared.Return(_stack);
                _stack = null;
            }
        }
    }
}

internal enum ElementEnd
{
    /// <summary>A ',' follows: another element comes.</summary>
    Comma,

    /// <summary>The ']' closing the array follows.</summary>
    ArrayEnd,

    /// <summary>The body ends after a value that looks complete, but the array is never closed.</summary>
    EndOfBody,

    /// <summary>The body ends inside this element.</summary>
    Truncated,
}
