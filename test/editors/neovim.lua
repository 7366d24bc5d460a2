-- Plays the user in headless Neovim, with editors/nvim/kube-expose.lua as the only configuration and the example's
-- routes.yml as the file opened: records what Neovim received from the server into $KUBE_EXPOSE_NVIM_RESULT (JSON),
-- then quits. neovim.test.ts asserts on that record; this script only waits and looks.
local result = { steps = {} }
local TIMEOUT = 30000

local function save()
  local file = assert(io.open(os.getenv('KUBE_EXPOSE_NVIM_RESULT'), 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function step(name) table.insert(result.steps, name) end

local function kube_client(bufnr)
  local list = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
  for _, client in ipairs(list) do
    if client.name == 'kube-expose' and vim.lsp.buf_is_attached(bufnr, client.id) then return client end
  end
end

local function diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(found, { file = vim.api.nvim_buf_get_name(d.bufnr), code = d.code, severity = d.severity, lnum = d.lnum, col = d.col, message = d.message })
  end
  return found
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return d end
  end
end

local function find(bufnr, pattern)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(pattern, 1, true)
    if col then return lnum, col - 1 end
  end
  error('no line holds ' .. pattern)
end

local function floating_text()
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then
      return table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false), '\n')
    end
  end
end

local function play()
  local routes = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[routes].filetype
  vim.wait(TIMEOUT, function() return kube_client(routes) ~= nil and has_code(routes, 'port-mismatch') ~= nil end, 50)
  local client = kube_client(routes)
  result.client = client and { name = client.name, cmd = client.config.cmd, root = client.config.root_dir } or vim.NIL
  result.diagnostics = diagnostics(routes)
  step('diagnostics')

  -- Hover on the stream port, as K does: the float Neovim opens shows the chain.
  local lnum, col = find(routes, '30164')
  vim.api.nvim_win_set_cursor(0, { lnum, col })
  vim.lsp.buf.hover()
  vim.wait(TIMEOUT, function() return floating_text() ~= nil end, 50)
  result.hover = floating_text() or vim.NIL
  for _, win in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(win).relative ~= '' then vim.api.nvim_win_close(win, true) end
  end
  step('hover')

  -- Go to definition (as gd mapped to vim.lsp.buf.definition does) from the variable in proxy.yml.
  local proxy = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(routes), ':h:h') .. '/kube_gateway_pool/proxy.yml'
  vim.cmd('edit ' .. vim.fn.fnameescape(proxy))
  local proxy_buf = vim.api.nvim_get_current_buf()
  vim.wait(TIMEOUT, function() return kube_client(proxy_buf) ~= nil end, 50)
  lnum, col = find(proxy_buf, 'app.pgadmin4.port')
  vim.api.nvim_win_set_cursor(0, { lnum, col + #'app.pgadmin4.' })
  vim.lsp.buf.definition()
  vim.wait(TIMEOUT, function() return vim.api.nvim_get_current_buf() ~= proxy_buf end, 50)
  result.definition = { file = vim.api.nvim_buf_get_name(0), line = vim.api.nvim_win_get_cursor(0)[1], text = vim.api.nvim_get_current_line() }
  step('definition')

  -- The quick-fix, picked in the menu vim.lsp.buf.code_action() shows (vim.ui.select), applied by Neovim.
  vim.cmd('buffer ' .. routes)
  local mismatch = has_code(routes, 'port-mismatch')
  vim.api.nvim_win_set_cursor(0, { mismatch.lnum + 1, mismatch.col })
  result.fix = { titles = {} }
  vim.ui.select = function(items, opts, on_choice)
    local chosen
    for index, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(result.fix.titles, title)
      if chosen == nil and title:find('^Set port to 30165') then chosen = index end
    end
    result.fix.chosen = chosen and result.fix.titles[chosen] or vim.NIL
    on_choice(chosen and items[chosen] or nil, chosen)
  end
  vim.lsp.buf.code_action()
  local errors = vim.diagnostic.severity.ERROR
  vim.wait(TIMEOUT, function()
    return result.fix.chosen ~= nil and vim.bo[routes].modified and #vim.diagnostic.get(nil, { severity = errors }) == 0
  end, 50)
  result.fix.line = vim.api.nvim_buf_get_lines(routes, mismatch.lnum, mismatch.lnum + 1, false)[1]
  result.fix.errors_left = diagnostics(nil)
  vim.cmd('wall')
  step('quick-fix')
end

local ok, err = xpcall(play, debug.traceback)
if not ok then result.error = err end
save()
vim.cmd(ok and 'qall!' or 'cquit!')
