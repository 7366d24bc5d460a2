-- With nvim-lspconfig: Kube Expose is not among its bundled servers, so declare it once, then set it up.
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')
if not configs.kube_expose then
  configs.kube_expose = {
    default_config = {
      cmd = { 'kube-expose-language-server', '--stdio' },
      filetypes = { 'yaml' },
      root_dir = util.root_pattern('.kube-expose.json', '.git', 'inventories'),
      settings = { kubeExpose = {} },
    },
  }
end
require('lspconfig').kube_expose.setup({})
