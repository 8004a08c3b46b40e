-- Neovim 0.7 (Debian's) as the editor of tests/test_lsp_neovim.py: start `tracker lsp` with
-- the client API of 0.7 (vim.lsp.start_client; vim.lsp.start came in 0.8), open a claim file,
-- type a mistake, wait for the server's diagnostics, apply the code action that fixes it,
-- wait for the diagnostics to clear, and write what happened to $OUT as JSON.
local root, tracker, out = os.getenv("ROOT"), os.getenv("TRACKER"), os.getenv("OUT")
local report = { diagnostics = {}, actions = {}, fixed_line = "", after = -1, error = "" }

local function run()
  local client = vim.lsp.start_client({
    name = "tracker",
    cmd = { tracker, "lsp", "--debounce", "0" },
    cmd_cwd = root,
    root_dir = root,
  })
  assert(client, "the server did not start")
  vim.cmd("edit " .. root .. "/claims/haniyeh-killing.yaml")
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local typo
  for number, line in ipairs(lines) do
    if line:find("source: mideast%-officials") then
      typo = number - 1
      break
    end
  end
  assert(typo, "no line to edit")
  vim.api.nvim_buf_set_lines(buf, typo, typo + 1, false, { "    source: mideast-oficials" })
  vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  local shown = vim.lsp.diagnostic.get_line_diagnostics(buf, typo)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(report.diagnostics, { line = d.lnum, col = d.col, code = d.code, message = d.message })
  end
  assert(#shown > 0, "no diagnostics on the edited line")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = shown[1].range,
    context = { diagnostics = shown },
  }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 20000) or {}
  local chosen
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      table.insert(report.actions, action.title)
      chosen = chosen or action
    end
  end
  assert(chosen, "no code action")
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  report.fixed_line = vim.api.nvim_buf_get_lines(buf, typo, typo + 1, false)[1]
  vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  report.after = #vim.diagnostic.get(buf)
  vim.lsp.stop_client(client)
end

local ok, problem = pcall(run)
if not ok then report.error = tostring(problem) end
local handle = io.open(out, "w")
handle:write(vim.fn.json_encode(report))
handle:close()
vim.cmd("qa!")
