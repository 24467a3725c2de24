-- Headless Neovim attaches `newslint server` to a buffer, reads its diagnostics, edits the buffer
-- (an incremental change sent by Neovim) and reads them again; the results go to $NEWSLINT_OUT as JSON.
local function snapshot()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, { lnum = d.lnum, col = d.col, end_col = d.end_col, code = d.code,
                        severity = d.severity, source = d.source })
  end
  table.sort(out, function(a, b) return a.col < b.col end)
  return out
end

local id = vim.lsp.start_client({
  name = "newslint",
  cmd = { os.getenv("NEWSLINT_PYTHON"), "-m", "newslint", "server", "--debounce", "10" },
  root_dir = vim.fn.getcwd(),
})
vim.cmd("edit story.md")
vim.lsp.buf_attach_client(0, id)
local opened = vim.wait(30000, function() return #vim.diagnostic.get(0) == 2 end, 20)
local first = snapshot()
-- "brutal" -> "long", as typed in the editor
local line = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
local s, e = string.find(line, "brutal", 1, true)
vim.api.nvim_buf_set_text(0, 2, s - 1, 2, e, { "long" })
local edited = vim.wait(30000, function() return #vim.diagnostic.get(0) == 1 end, 20)
local f = io.open(os.getenv("NEWSLINT_OUT"), "w")
f:write(vim.fn.json_encode({ opened = opened, first = first, edited = edited, after = snapshot() }))
f:close()
vim.lsp.stop_client(id)
vim.cmd("qa!")
