-- Loads editors/nvim/lspconfig.lua against stand-ins of nvim-lspconfig's modules (not installed here) and records
-- the server it declares into $KUBE_EXPOSE_NVIM_RESULT (JSON), then quits.
local record = {}
local configs = {}
package.preload['lspconfig.configs'] = function() return configs end
package.preload['lspconfig.util'] = function()
  return { root_pattern = function(...) record.root_markers = { ... }; return function() end end }
end
package.preload['lspconfig'] = function()
  return setmetatable({}, { __index = function(_, name)
    return { setup = function(options) record.setup = { name = name, options = options } end }
  end })
end
local ok, err = pcall(dofile, os.getenv('KUBE_EXPOSE_LSPCONFIG'))
record.error = not ok and err or vim.NIL
local declared = configs.kube_expose and configs.kube_expose.default_config or {}
record.cmd = declared.cmd
record.filetypes = declared.filetypes
local file = assert(io.open(os.getenv('KUBE_EXPOSE_NVIM_RESULT'), 'w'))
file:write(vim.fn.json_encode(record))
file:close()
vim.cmd('qall!')
