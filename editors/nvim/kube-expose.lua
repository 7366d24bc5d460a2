-- Kube Expose's language server for YAML buffers, through Neovim's built-in LSP client (no plugin needed).
-- Needs `kube-expose-language-server` on the PATH (npm install -g kube-expose; see the README).
-- Neovim 0.8 and newer start it with vim.lsp.start, which keeps one client per root folder. Neovim 0.7 has only
-- vim.lsp.start_client: the client of each root folder is remembered here and each buffer attached to it.
local cmd = { 'kube-expose-language-server', '--stdio' }
-- The first marker found above the file names the root: the server reads the whole repository from there.
local root_markers = { '.kube-expose.json', '.git', 'inventories' }
local clients = {}

local function root_dir(bufnr)
  local folder = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  for _, marker in ipairs(root_markers) do
    local dir = folder
    while true do
      if vim.loop.fs_stat(dir .. '/' .. marker) then return dir end
      local parent = vim.fn.fnamemodify(dir, ':h')
      if parent == dir then break end
      dir = parent
    end
  end
  return vim.fn.getcwd()
end

local function start(bufnr)
  local root = root_dir(bufnr)
  local config = {
    name = 'kube-expose',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    settings = { kubeExpose = {} },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'yaml',
  group = vim.api.nvim_create_augroup('kube_expose', { clear = true }),
  callback = function(args) start(args.buf) end,
})
