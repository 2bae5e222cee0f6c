namespace Monitor.Gateway.Ingest;

/// <summary>
/// Staging state of one (model, version) within a request: how many rows it has and which feature
/// columns, in first-seen order. Remembers the previous record's feature order, because records of
/// one version nearly always name the same features in the same order.
/// </summary>
internal sealed class VersionGroup
{
    private readonly IntMap _columnByName = new();
    private int[] _columnNames = new int[8];
    private bool[] _columnHasText = new bool[8];
    private int[] _lastNames = new int[8];
    private int[] _lastColumns = new int[8];
    private int _lastCount;

    public int ModelId { get; private set; }
    public int VersionId { get; private set; }
    public string Model { get; private set; } = "";
    public string Version { get; private set; } = "";
    public int Rows { get; set; }
    public int ColumnCount { get; private set; }
    public bool HasLabels { get; set; }

    public int ColumnName(int column) => _columnNames[column];

    public bool ColumnHasText(int column) => _columnHasText[column];

    public void Reset(int modelId, int versionId, string model, string version)
    {
        ModelId = modelId;
        VersionId = versionId;
        Model = model;
        Version = version;
        Rows = 0;
        HasLabels = false;
        _columnByName.Clear();
        Array.Clear(_columnHasText, 0, ColumnCount);
        ColumnCount = 0;
        _lastCount = 0;
    }

    /// <summary>
    /// Resolves the column of each cell, assigning new columns in order; refuses (returning false and
    /// changing nothing) when that would exceed <paramref name="maxColumns"/>.
    /// </summary>
    public bool TryAssignColumns(Span<StagedFeature> cells, int maxColumns)
    {
        var added = 0;
        for (var k = 0; k < cells.Length; k++)
        {
            ref var cell = ref cells[k];
            cell.Column = k < _lastCount && _lastNames[k] == cell.NameId
                ? _lastColumns[k]
                : _columnByName.Find(cell.NameId);
            if (cell.Column < 0)
            {
                added++;
            }
        }

        if (added > 0 && ColumnCount + added > maxColumns)
        {
            return false;
        }

        EnsureLast(cells.Length);
        for (var k = 0; k < cells.Length; k++)
        {
            ref var cell = ref cells[k];
            if (cell.Column < 0)
            {
                cell.Column = AddColumn(cell.NameId);
            }

            if (cell.Kind == Grains.Ingest.FeatureValueKind.Text)
            {
                _columnHasText[cell.Column] = true;
            }

            _lastNames[k] = cell.NameId;
            _lastColumns[k] = cell.Column;
        }

        _lastCount = cells.Length;
        return true;
    }

    private int AddColumn(int nameId)
    {
        if (ColumnCount == _columnNames.Length)
        {
            Array.Resize(ref _columnNames, ColumnCount * 2);
            Array.Resize(ref _columnHasText, ColumnCount * 2);
        }

        var column = ColumnCount++;
        _columnNames[column] = nameId;
        _columnByName.Add(nameId, column);
        return column;
    }

    private void EnsureLast(int count)
    {
        if (count > _lastNames.Length)
        {
            var size = Math.Max(count, _lastNames.Length * 2);
            _lastNames = new int[size];
            _lastColumns = new int[size];
        }
    }
}
